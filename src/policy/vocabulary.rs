//! The policy's vocabulary: every closed set of words the after-sales policy uses, as enums.
//!
//! These are the names a claim, a listing, a verdict and the policy document itself are written
//! in: incidents, causes, evidence, item classes, conditions, damage scopes, outcomes, reason
//! codes, next steps and notices. Each enum has a stable snake_case wire name (`as_str`, serde)
//! and an `ALL` list, so the policy validator can check that every word has a message in every
//! locale. This file depends on nothing but `serde`, so `build.rs` can compile it too and
//! validate the shipped policy document before the crate is built.

use serde::{Deserialize, Serialize};

/// Declares a vocabulary enum with its wire names, `ALL` and `as_str`.
///
/// Values are read as plain strings (`deserialize_str`), not as serde enums: the words are
/// also map keys in the policy document (`claims.incidents.damaged`), and a key read as a string
/// is one `serde_path_to_error` can name, so an unknown key is reported at
/// `claims.incidents.exploded` rather than at an unnamed `?`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<$name, D::Error> {
                struct Word;
                impl serde::de::Visitor<'_> for Word {
                    type Value = $name;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        write!(f, "one of {:?}", $name::WIRE)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::from_wire(s).ok_or_else(|| E::unknown_variant(s, $name::WIRE))
                    }
                }
                de.deserialize_str(Word)
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every wire name, in declaration order.
            pub const WIRE: &'static [&'static str] = &[$($wire,)+];

            /// The stable wire name (the same as serde's).
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// Parses a wire name.
            #[allow(dead_code)]
            pub fn from_wire(s: &str) -> Option<$name> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What happened to the package or its contents.
    Incident {
        /// The package or an item arrived damaged.
        Damaged => "damaged",
        /// The whole package was lost in transit.
        LostInTransit => "lost_in_transit",
        /// The package arrived but item(s) are missing from it.
        MissingItems => "missing_items",
        /// Items were lost when customs or the courier unpacked the package (clause 4).
        LostByUnpacking => "lost_by_unpacking",
        /// The shopper complains about an item's condition (wear, seal), not transit damage.
        ConditionComplaint => "condition_complaint",
    }
}

vocabulary! {
    /// Why it happened, as far as the shopper knows.
    Cause {
        /// Improper handling in shipping.
        ImproperHandling => "improper_handling",
        /// The courier mishandled the package.
        CourierMishandling => "courier_mishandling",
        /// Customs opened or inspected the package.
        CustomsInspection => "customs_inspection",
        /// The shopper does not know; the carrier's proof decides.
        Unknown => "unknown",
        /// Wear, scratches, stains or loose joints of a second-hand item (notes, 1).
        SecondHandWear => "second_hand_wear",
        /// A "new" item arrived unsealed or resealed (notes, 2).
        UnsealedOrResealed => "unsealed_or_resealed",
    }
}

vocabulary! {
    /// What the shopper can show.
    Evidence {
        /// Photos of the opened package.
        OpenedPackagePhotos => "opened_package_photos",
        /// A complete unboxing video starting from the unopened package.
        UnboxingVideo => "unboxing_video",
        /// The shipping carrier's proof of loss or damage.
        CarrierProof => "carrier_proof",
        /// The original package kept intact: label, box and cushioning.
        PackagingKept => "packaging_kept",
        /// The relevant documents kept while the claim is handled.
        DocumentsKept => "documents_kept",
    }
}

vocabulary! {
    /// What kind of item it is, as far as the policy cares.
    ItemClass {
        /// Nothing special.
        Ordinary => "ordinary",
        /// Glass, ceramics, frames and the like: not covered at all (clause 3).
        Fragile => "fragile",
        /// A CD, DVD or Blu-ray: damage to its case is not compensable (clause 3).
        CdDvdBd => "cd_dvd_bd",
        /// Books, manga, magazines, posters, photos, cards: damage is not compensable (clause 3).
        PaperProduct => "paper_product",
    }
}

vocabulary! {
    /// The item's condition as sold.
    Condition {
        /// Sold as new.
        New => "new",
        /// Sold as second-hand.
        SecondHand => "second_hand",
    }
}

vocabulary! {
    /// Which part of an item is affected.
    DamageScope {
        /// The item itself (the disc, the glass, the figure).
        MainBody => "main_body",
        /// The CD/DVD/Blu-ray case.
        CdCase => "cd_case",
        /// Paper parts or a paper product.
        Paper => "paper",
        /// The outer packaging box.
        OuterBox => "outer_box",
        /// The item is missing.
        Missing => "missing",
        /// Scratches, stains, signs of wear.
        ScratchesWear => "scratches_wear",
        /// The seal is broken or the item was resealed.
        Unsealed => "unsealed",
    }
}

vocabulary! {
    /// The answer for a claim or an item.
    Outcome {
        /// Covered: the store assists the carrier claim; full refund once the carrier approves.
        Eligible => "eligible",
        /// Some items covered, some not.
        PartiallyEligible => "partially_eligible",
        /// Would be covered, but evidence is missing; the window is still open.
        Incomplete => "incomplete",
        /// Not covered.
        Ineligible => "ineligible",
    }
}

vocabulary! {
    /// Why an outcome is what it is. Stable codes JS can switch on.
    ReasonCode {
        /// Covered shipping damage or loss.
        Covered => "covered",
        /// Evidence is missing but can still be sent before the deadline.
        EvidenceMissing => "evidence_missing",
        /// Reported after the claim window closed (clause 2).
        WindowClosed => "window_closed",
        /// The window closed with the required evidence still incomplete (clause 2).
        DocumentationIncomplete => "documentation_incomplete",
        /// Fragile items are outside the partnered compensation (clause 3).
        FragileItem => "fragile_item",
        /// Damage to CD cases, paper products or outer boxes is not compensable (clause 3).
        NonCompensablePart => "non_compensable_part",
        /// Second-hand wear or an unsealed "new" item is not a quality defect (notes).
        NotADefect => "not_a_defect",
        /// The cause given is not one the policy covers for this incident.
        CauseNotCovered => "cause_not_covered",
    }
}

vocabulary! {
    /// What the shopper should do next.
    NextStep {
        /// Ask the carrier for proof of loss or damage.
        GetCarrierProof => "get_carrier_proof",
        /// Contact the carrier or local customs staff at once (clause 4).
        ContactCarrierOrCustomsNow => "contact_carrier_or_customs_now",
        /// Send everything to customer service before the deadline.
        SendToCustomerService => "send_to_customer_service",
        /// Keep the package as it is: label, box, cushioning.
        KeepPackaging => "keep_packaging",
        /// Do not dispose of any document while the claim is handled.
        KeepDocuments => "keep_documents",
        /// The store files the claim with the carrier; refund in full once approved.
        AwaitCarrierDecision => "await_carrier_decision",
    }
}

vocabulary! {
    /// Pre-purchase notices that are not item classes.
    Notice {
        /// Second-hand items may show wear that is not a defect (notes, 1).
        SecondHandWear => "second_hand_wear",
        /// A "new" item may arrive unsealed or resealed (notes, 2).
        MayBeUnsealed => "may_be_unsealed",
        /// Damage to an outer packaging box is not compensable (clause 3).
        OuterBoxNotCompensable => "outer_box_not_compensable",
    }
}

vocabulary! {
    /// Where a listing is sold: the marketplaces the store buys from, each with its own category
    /// taxonomy (a category rule names the marketplace whose codes and paths it reads).
    Marketplace {
        /// Mercari Japan.
        Mercari => "mercari",
        /// Rakuten Rakuma.
        Rakuma => "rakuma",
        /// Rakuten Ichiba (genre ids).
        Rakuten => "rakuten",
        /// Yahoo! Shopping.
        YahooShopping => "yahoo_shopping",
        /// Yahoo! Auctions.
        YahooAuctions => "yahoo_auctions",
        /// Amazon Japan (browse nodes).
        AmazonJp => "amazon_jp",
        /// Suruga-ya.
        Surugaya => "surugaya",
        /// Sofmap.
        Sofmap => "sofmap",
        /// AmiAmi.
        Amiami => "amiami",
        /// PayPay Flea Market.
        PaypayFlea => "paypay_flea",
        /// Any other shop.
        Other => "other",
    }
}

vocabulary! {
    /// A way a title says what it sells by how it is written rather than by a word, read as a
    /// hint of the class that lists it.
    TitleShape {
        /// A credit in ASCII square brackets with spaces inside, ending the title, as a bookshop
        /// writes the author, artist or cast: 「NARUTO 疾風伝 4 \[ 竹内順子 \]」.
        TrailingCredit => "trailing_credit",
        /// A used-goods title, 「【中古】」 first, ending with a name after a slash, as used
        /// book and media shops write the author or artist: 「【中古】NARUTO 59/ 岸本斉史」.
        UsedCredit => "used_credit",
        /// A volume number in parentheses after a name written in Japanese, or in full-width
        /// parentheses, as sellers number a manga or a light novel: 「呪術廻戦 (2)」, 「Ruby（2）」.
        /// After Latin text in ASCII ones it is a count or a size ("Scentsy testers (36)").
        VolumeNumber => "volume_number",
        /// An author credited in catalogue order at the end of an English title, as book
        /// listings made from a library or ISBN record read: "The Communist Manifesto by Marx,
        /// Karl". A credit in reading order ("Polo by Ralph Lauren") is a brand's as often.
        CatalogCredit => "catalog_credit",
        /// A subtitle set off by a long dash (―, —) after or before words written in Japanese
        /// (the other side Japanese or a Latin word of three letters or more), as Japanese
        /// publishers title a book: 「リーダブルコード ―より良いコードを書くための…」,
        /// 「探求――エネルギーの世紀」, 「Pythonではじめる機械学習 ―scikit-learnで…」. Goods titles set their parts apart with hyphens, slashes
        /// or brackets, and English ones with a dash between Latin words ("Coffee Mug — 11oz").
        DashSubtitle => "dash_subtitle",
        /// An English subtitle after a colon that opens with an article or a question word, as
        /// publishers title a book: "12 Rules for Life: An Antidote to Chaos", "Coffee Can
        /// Investing: The Low-Risk Road". A goods title's colon opens a field ("Color: Black")
        /// or a model name.
        ColonSubtitle => "colon_subtitle",
        /// A publisher's series or imprint in parentheses ending the title, as Amazon JP and
        /// bookshops list a book: 「深層学習 (機械学習プロフェッショナルシリーズ)」, 「EFFECTIVE JAVA
        /// (The Java Series)」, 「… (講談社選書メチエ)」. A goods title's closing parentheses hold a
        /// colour, a size or a model.
        SeriesLabel => "series_label",
        /// A trading card's collector number, three digits out of the set's three
        /// (「183/165」, "160/159") or out of a promo set's code (「192/SV-P」, "325/S-P"), as
        /// card shops and sellers list a single: 「ドーミラー【AR】{074/071}」. A date, a scale
        /// (1/100) or a size pair is written otherwise.
        CardNumber => "card_number",
        /// A trading card's name in double angle brackets, written in Japanese and then in
        /// English after a slash, as card shops and sellers list a single:
        /// 「【JP】《孤独/Solitude》\[MH2\] 白R」, 「《爆片破/Shrapnel Blast》」. Goods titles use
        /// 《》 to set off a shop's notes (「《正規品》」, 「《11月予約》」), without a translation.
        CardName => "card_name",
        /// A trading card's code, its set and its number in the set, as card shops and sellers
        /// list a single: a Yu-Gi-Oh! code with its region (「閃刀姫ゼロ(DUAD-JP049)」,
        /// 「【ABYR-EN079】」) or a ONE PIECE Card Game one (「OP05-067\[R\]：ゾロ十郎」). A model
        /// number's parts are longer or shorter.
        CardCode => "card_code",
        /// "Print" ending a title written in Latin letters, after the work's name, as artists'
        /// shops title an art print: "The Sun Print", "Bride Cordelia Fire Emblem Heroes 11x17″
        /// Print". A goods title says what the print is on before the word ("Leopard Print
        /// Dress") or names the product after it.
        TrailingPrint => "trailing_print",
    }
}

vocabulary! {
    /// What a screening flag rests on, strongest first, so a page can word a sure flag ("fragile:
    /// not covered") apart from a guess ("may be fragile: check the material").
    Basis {
        /// The marketplace category the listing is filed under.
        Category => "category",
        /// The title names the item's kind or material, or the description states it
        /// (材質: ガラス, made of porcelain).
        Statement => "statement",
        /// A weaker hint: a brand or product word whose material is only implied (a
        /// description's mention outside a statement about the item is not read at all).
        Hint => "hint",
    }
}
