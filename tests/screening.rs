//! Behaviour of pre-purchase screening on marketplace listings: folding, spans for highlighting,
//! the false positives the policy's exclusions and context words rule out, notices, batches and
//! size limits. Each test is named after what it proves.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::OnceLock;

use aftersales::limits;
use aftersales::policy::vocabulary::{Basis, Condition, ItemClass, Notice};
use aftersales::screen::{Field, Listing, Marketplace, Screening};
use aftersales::{Checker, ErrorKind, Locale};

/// One checker for the whole file: compiling the policy is the slow part in a debug build.
fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

fn screen(title: &str) -> Screening {
    checker()
        .screen(&Listing::titled("t", title), Locale::En)
        .unwrap()
}

/// The text a page highlights for a finding: the title's UTF-16 code units from `start` to `end`.
fn highlighted(title: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = title.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).unwrap()
}

#[test]
fn half_width_hiragana_and_full_width_spellings_match_alike() {
    for title in [
        "グラス 2個セット",
        "ｸﾞﾗｽ 2個セット",
        "ぐらす 2個セット",
        "ＧＬＡＳＳ 2個セット",
        "Glass 2個セット",
        "がらす 2個セット",
    ] {
        let s = screen(title);
        assert!(s.fragile, "{title}");
        assert_eq!(s.class, ItemClass::Fragile, "{title}");
    }
    for title in [
        "ＣＤ アルバム",
        "ｃｄ アルバム",
        "ＤＶＤ-ＢＯＸ",
        "ﾌﾞﾙｰﾚｲ 初回限定盤",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}");
        assert_eq!(s.class, ItemClass::CdDvdBd, "{title}");
    }
    for title in ["まんが 全巻セット", "マンガ 全巻セット", "ﾏﾝｶﾞ 全巻セット"]
    {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
}

#[test]
fn utf16_spans_highlight_the_matched_text_as_written() {
    let title = "【美品】江戸切子 ｸﾞﾗｽ 2客";
    let s = screen(title);
    assert!(!s.findings.is_empty());
    for f in &s.findings {
        assert_eq!(f.field, Field::Title);
        assert_eq!(highlighted(title, f.start, f.end), f.text);
    }
    let glass = s.findings.iter().find(|f| f.text == "ｸﾞﾗｽ").unwrap();
    // 【美品】江戸切子 is 9 UTF-16 units; the half-width ｸﾞﾗｽ is 4.
    assert_eq!((glass.start, glass.end), (9, 13));
    assert!(s.findings.iter().any(|f| f.text == "切子"));
}

#[test]
fn utf16_spans_stay_right_after_an_emoji() {
    // The emoji is one char but two UTF-16 code units.
    let title = "😀ガラス 花瓶";
    let s = screen(title);
    let glass = s.findings.iter().find(|f| f.text == "ガラス").unwrap();
    assert_eq!((glass.start, glass.end), (2, 5));
    let vase = s.findings.iter().find(|f| f.text == "花瓶").unwrap();
    assert_eq!(highlighted(title, vase.start, vase.end), "花瓶");
}

#[test]
fn an_open_ended_russian_stem_highlights_the_whole_word() {
    let title = "Стеклянная ваза ручной работы";
    let s = screen(title);
    assert!(s.fragile);
    let words: Vec<&str> = s.findings.iter().map(|f| f.text.as_str()).collect();
    assert!(words.contains(&"Стеклянная"), "{words:?}");
    assert!(words.contains(&"ваза"), "{words:?}");
}

#[test]
fn sunglasses_are_not_flagged_in_any_language() {
    for title in [
        "サングラス レイバン ウェイファーラー",
        "ｻﾝｸﾞﾗｽ UV400",
        "Ray-Ban sunglasses Wayfarer",
        "雷朋 太阳镜 经典款",
        "Ray-Ban солнцезащитные очки",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.findings);
    }
}

#[test]
fn glass_in_the_title_of_a_manga_is_not_fragile() {
    let s = screen("ガラスの仮面 文庫版 全27巻 完結セット");
    assert!(!s.fragile, "{:?}", s.findings);
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert!(!screen("ガラスの仮面 Tシャツ 白目 Lサイズ").fragile);
    assert!(!screen("Glass Mask T-shirt size L").fragile);
}

#[test]
fn frame_arms_and_bicycle_frames_are_not_picture_frames() {
    for title in [
        "フレームアームズ・ガール スティレット プラモデル",
        "コトブキヤ フレームアームズ 轟雷",
        "自転車 フレーム ロードバイク 520mm カーボン",
        "Road bike frame carbon 52cm",
        "メガネフレーム チタン 眼鏡",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    // A frame for photos is a frame, acrylic or not.
    assert!(screen("アクリルフレーム A4 写真 ポスター").fragile);
    assert!(screen("フォトフレーム 木製 L判").fragile);
}

#[test]
fn cd_in_product_codes_and_players_is_not_a_disc() {
    for title in [
        "CD-R 50枚 スピンドル 700MB",
        "収納ケース 型番 CD-345 クリア",
        "Pioneer CDJ-350 DJ機材",
        "ソニー CDプレーヤー ポータブル",
        "パナソニック ブルーレイレコーダー DIGA 1TB",
        "DVDプレーヤー 再生専用 HDMI",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.findings);
    }
    // A disc released on CD-R is still a disc.
    assert!(screen("DJ SHARPNEL XRATED CD-R版").non_compensable);
}

#[test]
fn memory_cards_card_cases_and_laptops_are_not_paper() {
    for title in [
        "SDカード 64GB class10",
        "microSDカード 128GB",
        "カードケース 名刺入れ 本革",
        "MacBook Air M2 13インチ",
        "ブックカバー 文庫 本革",
        "トレカ スリーブ 100枚 ローダー",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.findings);
    }
}

#[test]
fn a_material_word_cancels_a_tableware_word() {
    assert!(screen("マグカップ 陶器 北欧").fragile);
    assert!(!screen("サーモス 真空断熱 マグカップ ステンレス").fragile);
    assert!(!screen("割れない ワイングラス トライタン 4個").fragile);
    assert!(!screen("メラミン 食器 子供用 5点").fragile);
}

#[test]
fn a_disc_whose_title_says_glass_is_a_disc_not_glass() {
    let s = screen("洋楽CD Glass Animals / Dreamland [輸入盤]");
    assert!(!s.fragile, "{:?}", s.findings);
    assert_eq!(s.class, ItemClass::CdDvdBd);
}

#[test]
fn a_framed_print_is_both_fragile_and_paper() {
    let s = screen("浮世絵 木版画 葛飾北斎 額装");
    assert!(s.fragile);
    assert!(s.non_compensable);
    assert_eq!(s.class, ItemClass::Fragile);
    let classes: Vec<ItemClass> = s.flags.iter().map(|f| f.class).collect();
    assert_eq!(classes, [ItemClass::Fragile, ItemClass::PaperProduct]);
}

#[test]
fn translated_titles_are_flagged_in_english_chinese_and_russian() {
    for title in [
        "Baccarat wine glasses pair",
        "Arita ware plate 5 pieces",
        "巴卡拉 水晶玻璃 酒杯 一对",
        "有田烧 瓷器 盘子 5个",
        "Бокалы для вина Baccarat пара",
        "Фарфоровая тарелка Арита",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    for title in [
        "One Piece manga volumes 1-100 set",
        "海贼王 漫画 全套 1-100卷",
        "Ван-Пис манга тома 1-100",
        "Hinatazaka46 photo book",
        "日向坂46 写真集",
        "Фотокнига Хинатадзака46",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
}

#[test]
fn flags_cite_the_policy_clause_and_speak_the_locale() {
    let listing = Listing::titled("t", "江戸切子 グラス");
    let checker = checker();
    let en = checker.screen(&listing, Locale::En).unwrap();
    let ja = checker.screen(&listing, Locale::Ja).unwrap();
    assert_eq!(en.flags[0].clause, "damaged_lost.3.fragile");
    assert_eq!(en.flags[0].rule, "terms");
    assert_ne!(en.flags[0].message, ja.flags[0].message);
    assert!(!ja.flags[0].message.is_empty());
}

#[test]
fn second_hand_listings_carry_the_wear_notice_and_new_ones_the_unsealed_notice() {
    let checker = checker();
    let mut listing = Listing::titled("t", "ニット セーター 黒");
    listing.condition = Some(Condition::SecondHand);
    let s = checker.screen(&listing, Locale::En).unwrap();
    let notices: Vec<Notice> = s.notices.iter().map(|n| n.notice).collect();
    assert_eq!(notices, [Notice::SecondHandWear]);
    assert_eq!(s.notices[0].clause, "notes.1");

    listing.condition = Some(Condition::New);
    let s = checker.screen(&listing, Locale::En).unwrap();
    let notices: Vec<Notice> = s.notices.iter().map(|n| n.notice).collect();
    assert_eq!(notices, [Notice::MayBeUnsealed]);
    assert_eq!(s.notices[0].clause, "notes.2");

    listing.condition = None;
    assert!(checker
        .screen(&listing, Locale::En)
        .unwrap()
        .notices
        .is_empty());
}

#[test]
fn a_listing_with_its_box_carries_the_outer_box_notice_and_one_without_does_not() {
    let has_box_notice = |title: &str| {
        screen(title)
            .notices
            .iter()
            .any(|n| n.notice == Notice::OuterBoxNotCompensable)
    };
    assert!(has_box_notice("バカラ ロックグラス 2客 箱付き"));
    assert!(has_box_notice("フィギュア 外箱 傷あり"));
    assert!(has_box_notice("Figure with box, unopened"));
    assert!(!has_box_notice("サントリー 山崎 700ml 箱なし"));
    assert!(!has_box_notice("フィギュア 外箱なし 本体のみ"));
    assert!(!has_box_notice("ニット セーター 黒"));
}

#[test]
fn a_batch_of_500_listings_gives_500_answers_in_order() {
    let titles = [
        "江戸切子 ロックグラス",
        "ニット セーター",
        "初回限定盤 CD+DVD",
        "ワンピース 1-100巻 全巻セット",
    ];
    let listings: Vec<Listing> = (0..500)
        .map(|i| Listing::titled(&format!("id-{i}"), titles[i % titles.len()]))
        .collect();
    let answers = checker().screen_batch(&listings, Locale::En).unwrap();
    assert_eq!(answers.len(), 500);
    for (i, a) in answers.iter().enumerate() {
        assert_eq!(a.id, format!("id-{i}"));
        let expected = [
            ItemClass::Fragile,
            ItemClass::Ordinary,
            ItemClass::CdDvdBd,
            ItemClass::PaperProduct,
        ][i % 4];
        assert_eq!(a.class, expected, "{i}");
    }
}

#[test]
fn a_one_megabyte_description_is_rejected_as_too_large_naming_the_field() {
    let mut listing = Listing::titled("t", "グラス");
    listing.description = Some("あ".repeat(1024 * 1024 / 3 + 1));
    let checker = checker();
    let err = checker.screen(&listing, Locale::En).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.code(), "too_large");
    assert_eq!(err.path(), "description");

    let batch = vec![Listing::titled("a", "グラス"), listing];
    let err = checker.screen_batch(&batch, Locale::En).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.path(), "[1].description");
}

#[test]
fn a_description_full_of_one_term_returns_with_findings_capped() {
    // 「材質ガラス」 is 15 bytes: as many repeats as the description limit allows, each match
    // read under the statement phrase just before it.
    let repeats = limits::MAX_DESCRIPTION_BYTES / "材質ガラス".len();
    let mut listing = Listing::titled("t", "インテリア 雑貨");
    listing.description = Some("材質ガラス".repeat(repeats));
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert!(s.fragile);
    let in_description = s
        .findings
        .iter()
        .filter(|f| f.field == Field::Description)
        .count();
    assert_eq!(in_description, limits::MAX_FINDINGS_PER_FIELD);
    assert_eq!(
        s.findings_omitted as usize,
        repeats - limits::MAX_FINDINGS_PER_FIELD
    );
}

#[test]
fn a_title_over_the_limit_is_rejected_naming_the_title() {
    let listing = Listing::titled("t", &"a".repeat(limits::MAX_TITLE_BYTES + 1));
    let err = checker().screen(&listing, Locale::En).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(err.path(), "title");
}

#[test]
fn a_term_citing_an_undefined_context_list_is_an_invalid_policy_naming_the_field() {
    let mut doc: serde_json::Value =
        serde_json::from_str(aftersales::policy::SHIPPED_JSON).unwrap();
    doc["screening"]["classes"]["fragile"]["terms"]["ja"][0] =
        serde_json::json!({"term": "ガラス", "unless": ["@no_such_list"]});
    let err = aftersales::Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert_eq!(
        err.path(),
        "screening.classes.fragile.terms.ja[0].unless[0]"
    );
    assert!(err.message().contains("@no_such_list"), "{}", err.message());
}

#[test]
fn a_wildcard_inside_a_term_is_an_invalid_policy_naming_the_field() {
    let mut doc: serde_json::Value =
        serde_json::from_str(aftersales::policy::SHIPPED_JSON).unwrap();
    doc["screening"]["classes"]["paper_product"]["terms"]["en"][0] = "book*case".into();
    let err = aftersales::Policy::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidPolicy);
    assert_eq!(err.path(), "screening.classes.paper_product.terms.en[0]");
}

#[test]
fn the_title_outweighs_the_description() {
    let mut listing = Listing::titled("t", "ワンピース 1-100巻 全巻セット");
    listing.description = Some("ガラスケースで保管していました。特典ポスター付き。".to_owned());
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert!(!s.fragile, "{:?}", s.flags);
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert!(s.findings.iter().all(|f| f.field == Field::Title));

    // A title that names nothing leaves the description to decide, through what it states.
    let mut listing = Listing::titled("t", "ロイヤルコペンハーゲン ブルーフルーテッド 19cm");
    listing.description = Some("素材：磁器のプレートです。欠けなし。".to_owned());
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert!(s.fragile);
    let listing = Listing::titled("t", "ブルーフルーテッド 19cm");
    assert!(!checker().screen(&listing, Locale::En).unwrap().fragile);
    let mut listing = Listing::titled("t", "ブルーフルーテッド 19cm");
    listing.description = Some("素材：磁器のプレートです。欠けなし。".to_owned());
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert!(s.fragile);
    assert_eq!(s.flags[0].decided_by, Field::Description);
    assert_eq!(s.flags[0].basis, Basis::Statement);
}

fn described(title: &str, description: &str) -> Screening {
    let mut listing = Listing::titled("t", title);
    listing.description = Some(description.to_owned());
    checker().screen(&listing, Locale::En).unwrap()
}

#[test]
fn the_titles_context_words_cancel_what_the_description_only_mentions() {
    // The title says what the item is; the description only lists what it fits.
    let s = described(
        "Thumbstick grips 1 pair",
        "Fits ps2, ps4 and xbox360 controllers",
    );
    assert!(!s.non_compensable);
    // A statement about the item's material is read whatever the title's words.
    let s = described("Wooden serving tray", "Material: glass top");
    assert!(s.fragile);
    let s = described("Game lot", "Fits ps2, ps4 and xbox360");
    assert!(
        s.non_compensable,
        "the same description under a title that names no hardware"
    );
}

#[test]
fn a_description_is_read_for_what_it_states_about_the_item() {
    let s = described(
        "ブルーフルーテッド プレート 19cm",
        "材質：陶器\nサイズ：19cm",
    );
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Statement);
    let s = described("Blue plate 19cm", "Material: porcelain. Dishwasher safe.");
    assert!(s.fragile);
    // The same word outside a statement about the item, after the first sentence, is not read.
    assert!(
        !described(
            "ブルーフルーテッド 19cm",
            "サイズ19cm。陶器のような風合いが人気です。"
        )
        .fragile
    );
}

#[test]
fn shipping_packing_photo_and_cross_selling_talk_in_a_description_flags_nothing() {
    for description in [
        "材質：ポリエステル\nガラス製品と同梱の場合はプチプチで梱包して発送します。",
        "素材 綿100%\n他にもCD、DVD、本を出品しています。プロフィールをご覧ください。",
        "Material: cotton. Packed in bubble wrap with glass items, shipped from a smoke-free home.",
        "素材：ナイロン\n写真の額縁やポスターは付属しません。",
    ] {
        let s = described("トートバッグ", description);
        assert!(s.flags.is_empty(), "{description}: {:?}", s.flags);
    }
}

#[test]
fn a_labelled_field_is_read_across_its_separators() {
    for description in [
        "【材質】ガラス\n【サイズ】10cm",
        "材質｜ガラス",
        "■素材■陶器",
        "材質：\nガラス",
    ] {
        let s = described("ハンドメイド 一点物", description);
        assert!(s.fragile, "{description}: {:?}", s.flags);
        assert_eq!(s.flags[0].decided_by, Field::Description);
        assert_eq!(s.flags[0].basis, Basis::Statement);
    }
    assert!(described("Handmade vase 20cm", "Material | Glass").fragile);
    // A label followed by other words is no labelled value of what comes after them.
    assert!(
        !described(
            "ハンドメイド 一点物",
            "素材にこだわっています。ガラスのような艶"
        )
        .fragile
    );
}

#[test]
fn a_boilerplate_word_inside_another_word_marks_no_boilerplate() {
    // 「ペット」 in 「ペットボトル」 and 「のし」 in 「しっかり」 name no pet and no gift wrap.
    assert!(
        described(
            "ハンドメイド 一点物",
            "素材：ガラス（ペットボトルより軽い）"
        )
        .fragile
    );
    assert!(described("ハンドメイド 一点物", "素材：陶器のしっかりした作り").fragile);
    assert!(described("ハンドメイド 一点物", "素材：陶器、カーペットの上で撮影").fragile);
    // The word itself still does: a home with pets is no statement.
    assert!(!described("ハンドメイド 一点物", "素材：陶器 ペットがいる家です").fragile);
}

#[test]
fn a_model_named_plus_is_no_accessory_word() {
    let s = screen("iPhone 14 Plus Glass Screen Protector");
    assert!(s.fragile, "{:?}", s.flags);
}

#[test]
fn a_volume_number_hints_at_a_book_or_disc_unless_a_statement_or_goods_say_otherwise() {
    for title in [
        "プリンセス☆マジック ルビー（3）",
        "RWBY Volume3",
        "SPEEDKING Vol.2",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
    // A statement of another class in the same title outweighs it: a cup's (2) counts cups.
    let s = screen("古伊万里 小猪口(2) 5個");
    assert!(s.fragile);
    assert!(!s.non_compensable, "{:?}", s.flags);
    // Goods of a work are no volume of it; a colour code in brackets has a leading zero.
    assert!(!screen("週刊少年ジャンプ展 VOL.3 アクリルキーホルダー").non_compensable);
    assert!(!screen("ハイネックニット カーキ（09）").non_compensable);
}

#[test]
fn a_bookshops_trailing_credit_hints_at_a_book_or_disc() {
    let title = "Ruby on Rails 5 速習レシピ [ 掌田津耶乃 ]";
    let s = screen(title);
    assert!(s.non_compensable, "{:?}", s.flags);
    assert_eq!(s.flags[0].class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    let f = &s.findings[0];
    assert_eq!(f.term, "trailing_credit");
    assert_eq!(highlighted(title, f.start, f.end), "[ 掌田津耶乃 ]");
    // Only ASCII brackets with a space inside each, ending the title, holding a name or a few.
    for title in [
        "ニット [ ワンピース / チュニック ] 長袖",
        "【新品】iPad Pro 11インチ Wi-Fi 1TB スペースブラック [ MVVE3J/A ]",
        "ノートPC 本体 【 送料無料 】",
        "キーケース 本革 ［ 黒 ］",
        "キーケース 本革 [黒]",
        "[ 岸本斉史 ]",
        "マフラー [ ]",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    // An e-book or a work's goods are no book; a statement of another class outweighs it.
    assert!(!screen("NARUTO モノクロ版 42【電子書籍】[ 岸本斉史 ]").non_compensable);
    assert!(!screen("呪術廻戦 アクリルスタンド [ 芥見下々 ]").non_compensable);
    let s = screen("有田焼 マグカップ [ 井上萬二 ]");
    assert!(s.fragile && !s.non_compensable, "{:?}", s.flags);
    let s = screen("B'z SHOWCASE 2020 Blu-ray [ B'z ]");
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert_eq!(s.flags.len(), 1, "{:?}", s.flags);
}

#[test]
fn a_glaze_names_pottery_and_a_book_shaped_thing_is_no_book() {
    for title in [
        "白釉二輪花 サラダボウル",
        "黒釉ぐい呑み",
        "嘉瓶 緑釉 飴釉 掛分",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    // Enamelware is glazed steel.
    assert!(!screen("ホーロー 釉薬仕上げ ミルクパン").fragile);
    for title in [
        "BOOK型オルゴール めんま",
        "ブック型 小物入れ",
        "Book-shaped jewelry box",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn unbreakable_plastic_textiles_and_steel_tumblers_are_not_glass_or_pottery() {
    for title in [
        "Plastic Mirror Sheets Self-Adhesive Non-Glass Mirror Stickers",
        "Unbreakable Drinking Glass Set 300ml",
        "割れない グラス 4個セット",
        "Throne of Glass Blanket, Sherpa Fleece",
        "yeti cup 30oz personalized coffee mug",
        "Tempered Glass Diving Set Scuba Anti-Fog Goggles",
        "Pink Parfum Pillow Cover",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    let s = screen("Pyrex Daisy #501 Refrigerator Dish");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
}

#[test]
fn graded_sports_cards_prints_paperbacks_and_software_discs_are_named() {
    for title in [
        "2024 PANINI DONRUSS OPTIC ROOKIE KINGS #3 DRAKE MAYE PSA 7",
        "Ej Manuel Jersey Patch Card/99",
        "Hermione Hare - Hand Signed Limited Edition Print",
        "Teddy Bear watercolour illustration. Greeting card. A6",
        "COMPLETE HARRY POTTER SERIES paperbacks",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
    }
    assert_eq!(screen("DEAD ISLAND PC DVD-ROM").class, ItemClass::CdDvdBd);
    // The drive is no disc; a book blanket no book; a lens size no volume number.
    assert!(!screen("External USB DVD-ROM Drive").non_compensable);
    assert!(!screen("Book Blanket, Book Throw, Book Lover Gift").non_compensable);
    assert!(!screen("Round Sunglasses Black Frame, Black Lens (54)").non_compensable);
}

#[test]
fn a_sealed_card_box_hints_at_paper_and_drawing_tablets_and_game_cables_are_no_media() {
    let s = screen("【未開封ボックス】ハイクラス MEGAドリームex 1BOX シュリンクなし");
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    // A sealed game is a game: its platform says so.
    assert!(!screen("Switch ソフト ゼルダの伝説 シュリンク付き").non_compensable);
    for title in [
        "Wii用音声&D端子ケーブル ブラック [video game]",
        "ワコム Intuos Comic ペン&タッチ マンガ・イラスト制作用モデル",
        "I-O DATA スマホ DVD視聴/CD取込 Wi-Fiモデル",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn metal_cups_ice_molds_mirrored_lenses_and_counted_parts_are_not_flagged() {
    for title in [
        "Enamel Camping Mug Set of 6, Metal Enamel Coffee Tea Cups",
        "Camping Aluminum Cup Outdoor Coffee Mug with Foldable Handle",
        "3D Skull Ice Mold, Silicone Mold for Whiskey and Cocktails",
        "Youth Baseball Sunglasses, Matte Black/Sky Blue Mirror, 65mm",
        "Home Theater System with Two (2) T15 Bookshelf, One (1) T30 Center Channel",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    assert!(screen("Bone china tea cups, set of 2").fragile);
}

#[test]
fn a_class_word_after_for_or_before_yo_names_what_the_item_serves() {
    for title in [
        "Acrylic Display Case for Pokemon Cards",
        "Bamboo Stand for Wine Glasses",
        "ワイングラス用 ラック 吊り下げ",
        "CD用 収納ボックス",
        "Подставка для стеклянных бокалов",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    assert!(screen("Crystal Wine Glass for Red Wine").fragile);
    assert!(screen("業務用 ロックグラス 6個").fragile);
}

#[test]
fn a_class_word_that_opens_a_compound_ending_in_senyou_taiou_or_a_purchase_bonus_names_what_the_item_fits(
) {
    for title in [
        "iPhone 11 ケース クリア 耐衝撃 ガラスフィルム対応 アイホン カバー",
        "ナイロンブラシ 2WAYタイプ ガラス製哺乳びん専用",
        "ガラスフィルム対応ケース iPhone 15",
        "玻璃杯专用 清洁刷",
        "鬼滅の刃 メタルチャーム 【ANIPLEX+ BD/DVD5巻購入特典】",
        "バンダナキーホルダー 【アニメイト BD/DVD全巻購入特典】",
        "マイクロファイバー タオル ガラス拭き 鏡拭き 掃除",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    // A particle ends the word; a space too; and the item itself still flags.
    for title in [
        "ガラスに対応 収納 ラック",
        "耐熱ガラス 電子レンジ対応 保存容器",
        "ガラスフィルム 強化ガラス 9H",
        "専用 ガラス ボトル",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    // What a purchase bonus is still says what is sold: a bromide is paper.
    let s = screen("顔アップ/会場限定 CD・Blu-ray購入特典ブロマイド");
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
}

#[test]
fn a_trading_cards_collector_number_hints_at_a_card() {
    for title in [
        "Pikachu 160/159 Crown zenith",
        "ニャース(未開封/AR仕様)【P】{192/SV-P}",
        "183/165[AR]：(キラ)ミュウツー",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
        assert_eq!(s.findings[0].term, "card_number", "{title}");
    }
    // A date, a scale, a longer number and card supplies are no card.
    for title in [
        "MG 1/100 ガンダム プラモデル",
        "2024/05/01 発売 Tシャツ",
        "型番 A123/456 ケーブル",
        "1234/567 LEDライト",
        "カードスリーブ 100枚入り 066/066 デッキケース",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_trading_cards_set_code_hints_at_a_card() {
    for title in [
        "閃刀姫ゼロ(DUAD-JP049)",
        "天下統一 【英】【ABYR-EN079】【N】_[中古]",
        "OP05-067[R]：ゾロ十郎(新規イラスト版)",
        "ST13-012[C]：マキノ(新規イラスト版)",
        "精霊獣使いレラ(TW01-JP122)",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
        assert!(
            s.findings.iter().any(|f| f.term == "card_code"),
            "{title}: {:?}",
            s.findings
        );
    }
    // A model number's parts are longer, shorter or all digits; card supplies are no card.
    for title in [
        "ケーブル ABCDE-EN1234",
        "HDMI ケーブル HD-JP12",
        "フィルター 123-EN456",
        "スリーブ デッキシールド OP05-067 対応",
        "ACアダプター OPX05-067",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_volume_number_hints_at_a_book_and_on_a_disc_is_the_discs_volume() {
    // A volume alone may be a book's: the flag says "may be".
    for title in [
        "鬼滅の刃 第3巻",
        "呪術廻戦 全巻セット",
        "NARUTO-ナルト-　1〜10巻セット",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
    // On a DVD or a Blu-ray it numbers the discs: one flag, the disc's, and no paper reason.
    for title in [
        "SHIROBAKO 第2巻 (初回生産限定版) [Blu-ray]",
        "NARUTO ナルト 1st STAGE 全12巻セット [ DVDセット]【中古】",
        "TV　アニメーション　NARUTO　巻ノ十/ＤＶＤ/SVWB-1610",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::CdDvdBd, "{title}: {:?}", s.flags);
        assert_eq!(s.flags.len(), 1, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_trading_cards_name_in_both_languages_hints_at_a_card() {
    for title in [
        "【JP】《孤独/Solitude》[MH2] 白R",
        "《爆片破/Shrapnel Blast》 4枚",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
        assert_eq!(s.findings[0].term, "card_name", "{title}");
    }
    // A shop's note in 《》, ASCII brackets, and card supplies are no card.
    for title in [
        "《正規品》インソール 薄型",
        "《11月予約》フィギュア 完成品",
        "<孤独/Solitude> ポスター風 Tシャツ",
        "《孤独/Solitude》 スリーブ 60枚",
        "《》",
        "《/》",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_used_media_shops_credit_after_a_slash_hints_at_a_book_or_disc() {
    for title in [
        "【中古】NARUTO 59/ 岸本斉史",
        "【中古】【全品5倍】NARUTO−ナルト−　外伝 / 岸本斉史",
        "【中古】NARUTO−ナルト−　木ノ葉秘伝　祝言日和 / 岸本斉史／ひなたしょう",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
        assert_eq!(s.findings[0].term, "used_credit");
    }
    let title = "【中古】NARUTO 木ノ葉秘伝 / 岸本斉史／ひなたしょう";
    let f = &screen(title).findings[0];
    assert_eq!(
        highlighted(title, f.start, f.end),
        "/ 岸本斉史／ひなたしょう"
    );
    for title in [
        "NARUTO 59/ 岸本斉史",
        "【中古】 ニット / ブラック",
        "【中古】Azuma◆冷蔵庫/EAR-1004//【家電・ビジュアル・オーディオ】",
        "【中古】/ 岸本斉史",
        "【中古】 ハサミ / シザー, 5.8インチ",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_brand_whose_material_is_only_implied_flags_as_a_hint() {
    let s = screen("スワロフスキー イーグル 置物");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    // Its jewellery is not flagged at all.
    assert!(!screen("スワロフスキー ネックレス").fragile);
    // A title that names the material is a statement.
    assert_eq!(
        screen("江戸切子 ロックグラス").flags[0].basis,
        Basis::Statement
    );
}

#[test]
fn colours_brands_and_works_that_hold_a_class_word_are_not_the_thing_itself() {
    for title in [
        "ワンピース シャンパンゴールド Mサイズ",
        "ニット ワインレッド",
        "Realforce R2 キーキャップ 錆青磁",
        "エバーカラーワンデー 20枚入",
        "Sequin dress champagne gold",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_kana_match_across_two_words_is_not_a_term() {
    // 「ストーリーを楽しみなが**らス**トーリー」: hiragana then katakana is no 「ガラス」.
    assert!(!described("ゲームソフト", "種類：楽しみながらストーリーを進める").fragile);
    assert!(screen("がらす 2個セット").fragile);
}

#[test]
fn an_e_book_is_no_paper_product_and_a_download_no_disc() {
    assert!(!screen("NARUTO 巻ノ72【電子書籍】").non_compensable);
    assert!(screen("NARUTO 巻ノ72 /集英社/岸本斉史").non_compensable);
    assert!(!screen("ファイナルファンタジーXIV ダウンロード版 PS4").non_compensable);
}

#[test]
fn each_marketplace_category_code_is_read_in_its_own_taxonomy() {
    let coded = |marketplace: Marketplace, code: &str| {
        let mut listing = Listing::titled("t", "ルフィの仲間力");
        listing.marketplace = Some(marketplace);
        listing.category_code = Some(code.to_owned());
        checker().screen(&listing, Locale::En).unwrap()
    };
    // A Rakuten Books genre id carries its ancestors': 001001001 is under 001 (本).
    let s = coded(Marketplace::Rakuten, "001001001");
    assert!(s.non_compensable);
    assert_eq!(s.flags[0].basis, Basis::Category);
    assert_eq!(s.flags[0].decided_by, Field::Category);
    // Rakuten Books' e-book genre rules paper out.
    assert!(!coded(Marketplace::Rakuten, "101").non_compensable);
    // A Rakuten genre id means nothing in Mercari's taxonomy.
    assert!(!coded(Marketplace::Mercari, "001001001").non_compensable);
    // Yahoo! Auctions' CD category.
    assert!(coded(Marketplace::YahooAuctions, "22192").non_compensable);
}

#[test]
fn a_cast_iron_teapot_is_not_fragile_but_a_tokoname_one_is() {
    assert!(!screen("南部鉄器 急須 0.5L").fragile);
    assert!(screen("常滑焼 急須 朱泥").fragile);
}

#[test]
fn a_volume_count_flags_paper_but_the_kanji_inside_other_words_does_not() {
    assert_eq!(
        screen("ワンピース 10冊 セット").class,
        ItemClass::PaperProduct
    );
    assert_ne!(screen("江戸風鈴 短冊付き").class, ItemClass::PaperProduct);
}

#[test]
fn a_scratched_outer_box_still_raises_the_outer_box_notice() {
    let s = screen("フィギュア 外箱傷あり");
    assert!(s
        .notices
        .iter()
        .any(|n| n.notice == Notice::OuterBoxNotCompensable));
    let s = screen("フィギュア 外箱なし");
    assert!(!s
        .notices
        .iter()
        .any(|n| n.notice == Notice::OuterBoxNotCompensable));
}

#[test]
fn a_material_word_that_describes_a_lid_or_a_sleeve_cancels_nothing() {
    // 「シリコン」 and "aluminum" name the lid, so the glass beside them is still glass.
    assert!(screen("ガラス 保存容器 シリコン蓋付き 3個").fragile);
    assert!(screen("Vintage Glass Cocktail Shaker Retro Aluminum Lid").fragile);
    assert!(screen("Glass Tumbler with Silicone Sleeve 16oz").fragile);
    // The same words naming the item's own material still cancel.
    assert!(!screen("シリコン グラス 割れない 2個").fragile);
    assert!(!screen("Stainless Steel Wine Glasses Unbreakable").fragile);
    assert!(!screen("ステンレス マグカップ 350ml").fragile);
}

#[test]
fn a_class_word_that_names_an_accessory_flags_nothing() {
    // A pouch with a mirror, a figure with a bonus poster, a pan with a glass lid.
    assert!(!screen("化粧ポーチ ミラー付き がま口").fragile);
    assert!(!screen("フィギュア 特典ポスター付き 1/7").non_compensable);
    assert!(!screen("Non Stick Frying Pan with Glass Lid 24cm").fragile);
    // The accessory's own listing is still flagged.
    assert!(screen("卓上ミラー 拡大鏡付き").fragile);
    assert!(screen("B2 ポスター アニメ").non_compensable);
}

#[test]
fn a_term_written_with_its_accessory_word_still_flags_the_disc_it_comes_with() {
    // The policy lists 「DVD付」 to flag: a single or a book that comes with a DVD holds a disc.
    for title in ["LOVE(DVD付)", "はじめての英会話 CD付き"] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}");
        assert_eq!(s.class, ItemClass::CdDvdBd, "{title}");
    }
    // A bonus disc with something else is still the bonus (an exclusion covers it).
    assert!(!screen("リフティングボール 4号球【特典DVD付き】").non_compensable);
}

#[test]
fn a_tv_with_a_built_in_dvd_player_is_hardware_and_a_sleeved_booster_is_a_card_pack() {
    // A TV/DVD combo plays discs; it is not one.
    let tv = screen("Insignia - 28\" Class - LED - 720p - HDTV DVD Combo - Black");
    assert!(!tv.non_compensable);
    assert!(screen("Star Wars Original Trilogy DVD Box Set").non_compensable);
    // A single booster in its sleeve, an unbranded box of holo cards: trading cards all the same.
    for title in [
        "Scarlet & Violet Destined Rivals Sleeved Booster - Styles May Vary",
        "Mega Box | 100 Cards | 3 Guaranteed Ultra Rares | 7 Holo Cards",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
}

#[test]
fn screen_codes_is_screen_batch_without_texts_and_the_messages_table_words_it_back() {
    // Every real listing, in both languages: the same flags, findings and notices, no text.
    let mut listings = Vec::new();
    for side in ["dev", "test"] {
        let path = format!(
            "{}/tests/data/listings/real/{side}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut listing =
                Listing::titled(row["id"].as_str().unwrap(), row["title"].as_str().unwrap());
            listing.description = row["description"].as_str().map(str::to_owned);
            listing.category = serde_json::from_value(row["category"].clone()).unwrap_or_default();
            listings.push(listing);
        }
    }
    let policy = checker().policies().current().unwrap();
    for page in listings.chunks(limits::MAX_BATCH_LISTINGS.min(500)) {
        let codes = checker().screen_codes(page).unwrap();
        for locale in [Locale::Ja, Locale::En] {
            let full = checker().screen_batch(page, locale).unwrap();
            let mut worded = codes.clone();
            for s in &mut worded {
                for f in &mut s.flags {
                    assert!(f.message.is_empty());
                    f.message = policy.messages().word("class", f.class.as_str(), locale);
                }
                for n in &mut s.notices {
                    assert!(n.message.is_empty());
                    n.message = policy.messages().word("notice", n.notice.as_str(), locale);
                }
            }
            assert_eq!(worded, full);
        }
        let json = serde_json::to_string(&codes).unwrap();
        assert!(!json.contains("\"message\""));
    }
}

#[test]
fn a_toy_calendar_a_fabric_book_and_a_puzzle_vase_are_ordinary_goods() {
    for title in [
        "Playmobil 5493 Christmas Advent Calendar Dragons Treasure Battle",
        "Oskar & Ellen 1-2-3 Counting Fabric Book",
        "Paul Lamond Flowers 3D Puzzle Vase (160 Pieces)",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.class);
    }
    // The things themselves still are what they say.
    assert!(screen("2025 Wall Calendar Japanese Landscapes").non_compensable);
    assert!(screen("Counting Board Book for Toddlers").non_compensable);
    assert!(screen("Hand-Thrown Stoneware Vase 20cm").fragile);
}

#[test]
fn a_disc_a_listing_includes_as_a_bonus_is_not_what_is_sold() {
    let s = screen("Hero World DC Super Friends Figure *Includes Bonus DVD* (BATMAN)");
    assert!(!s.non_compensable, "{:?}", s.flags);
    assert!(screen("The Dark Knight Trilogy Blu-ray Includes Bonus Disc").non_compensable);
}

#[test]
fn card_supplies_set_the_trading_card_category_aside() {
    let mut l = Listing::titled("t", "Ultra Pro Toploaders 3x4 Clear Regular 25 ct");
    l.category = vec![
        "Hobbies".into(),
        "Trading Cards & Accessories".into(),
        "Packs & Sets".into(),
    ];
    l.marketplace = Some(Marketplace::Other);
    assert!(!checker().screen(&l, Locale::En).unwrap().non_compensable);
    l.title = "Pokemon Scarlet & Violet Booster Pack".into();
    assert!(checker().screen(&l, Locale::En).unwrap().non_compensable);
}

#[test]
fn a_textbook_by_its_edition_and_a_leather_bound_book_are_paper_and_a_comics_backpack_is_not() {
    for title in [
        "NEW BJU Press - Spanish 1 TE, Student Text & Activities Manual 2nd ed",
        "Algebra 1 Teacher's Edition Hardback",
        "Crónica de una muerte anunciada (Spanish Edition) by García Márquez",
        "THE FOUNDATION TRILOGY by Isaac Asimov ~New Sealed ~ Leather Bound Gift Quality~",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    // A leather-bound journal is blank paper goods, not a book; a comics backpack is a bag.
    assert!(!screen("Leather Bound Journal Refillable Notebook A5").non_compensable);
    let bag = screen("Marvel Comics Backpack 17\" Laptop Sleeve School Bookbag");
    assert!(!bag.non_compensable, "{:?}", bag.flags);
    // "Spanish Edition" and "leather bound" are read as hints ("may be"), not as statements.
    let s = screen("Crónica de una muerte anunciada (Spanish Edition)");
    assert!(
        s.flags.iter().all(|f| f.basis == Basis::Hint),
        "{:?}",
        s.flags
    );
}

#[test]
fn a_descriptions_first_sentence_is_read_as_a_hint_and_its_later_sentences_are_not() {
    let with_description = |description: &str| {
        let mut l = Listing::titled("t", "The Alchemist");
        l.description = Some(description.into());
        checker().screen(&l, Locale::En).unwrap()
    };
    let s = with_description("Paperback book written by Paulo Coelho. Great read.");
    assert!(s.non_compensable, "{:?}", s.flags);
    assert!(
        s.flags.iter().all(|f| f.basis == Basis::Hint),
        "{:?}",
        s.flags
    );
    // Later sentences are seller talk unless a statement phrase introduces them.
    assert!(
        !with_description("Great read. Paperback book written by Paulo Coelho.").non_compensable
    );
    // A first sentence about shipping is boilerplate, not the item.
    assert!(
        !with_description("Shipped in a book box with bubble wrap. Great read.").non_compensable
    );
    // A statement anywhere is still a statement.
    let s = with_description("Great read. Format: paperback.");
    assert!(
        s.flags.iter().any(|f| f.basis == Basis::Statement),
        "{:?}",
        s.flags
    );
}

#[test]
fn a_volume_number_reads_after_a_japanese_name_or_in_full_width_parentheses_only() {
    for title in [
        "呪術廻戦 (2)",
        "ハイキュー!! （10）",
        "Ruby（2）",
        "鬼滅の刃 18",
        "姉なるもの1",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
        assert_eq!(s.findings[0].term, "volume_number", "{title}");
    }
    for title in [
        "Scentsy testers (36)",
        "(30) 10 by 13 polymailers",
        "Nike air max tavas print NEW. (11)",
        "VINTAGE!(4)1940'S ASCO SPICE TINS",
        // A bare number ends a work's name only: after a Latin brand it is a size or a model,
        // beside another number it is a count, and a leading zero makes it a code.
        "HERMÈS カシミヤ ジレ　34",
        "Louis Vuitton キーポル25",
        "ダイソン V11 コードレス 2",
        "カーキ 09",
        "鬼滅の刃 1234",
        // Joined to the name by a hyphen, it is a catalogue code.
        "シルバニアファミリー 家具 トースターセット カ-419",
        "ダイヤブロック ミニ ケ-12",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_long_dash_between_japanese_words_reads_as_a_book_subtitle() {
    for title in [
        "リーダブルコード ―より良いコードを書くためのシンプルで実践的なテクニック",
        "探求――エネルギーの世紀(上)",
        "習得への情熱―チェスから武術へ―:上達するための、僕の意識的学習法",
        "流用アート論: 一九一二—二〇一一年",
        // Hiragana before the dash (folded to katakana, after which a dash reads as a long
        // vowel), or a Latin word of three letters or more on one side.
        "脳はなにかと言い訳する―人は幸せになるようにできていた!?",
        "Pythonではじめる機械学習 ―scikit-learnで学ぶ特徴量エンジニアリング",
        "Java による関数型プログラミング — Java 8 ラムダ式と Stream",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
        assert!(
            s.findings.iter().any(|f| f.term == "dash_subtitle"),
            "{title}: {:?}",
            s.findings
        );
    }
    for title in [
        // A hyphen, a long vowel mark or a dash between Latin words sets no subtitle apart.
        "ダイソン - コードレス掃除機",
        "クッション カバー ー ベージュ",
        "Cowboy vs. Tornado Accent Mug — Western Fantasy",
        "Tシャツ ―Lサイズ",
        "パーカー ―XLサイズ",
        "セーター ー ベージュ",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn an_english_subtitle_opened_by_an_article_after_a_colon_reads_as_a_book() {
    for title in [
        "12 Rules for Life: An Antidote to Chaos",
        "Coffee Can Investing: The Low-Risk Road",
        "Hiking!: The Ultimate Natural Prescription for Health and Wellness",
        "The Other Barack: The Bold and Reckless Life of President Obama's Father",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
        assert!(
            s.findings.iter().any(|f| f.term == "colon_subtitle"),
            "{title}: {:?}",
            s.findings
        );
    }
    for title in [
        // A field's colon, a subtitle opened by another word, a lower-case article, a
        // cartridge game and a shirt's printed quote are no book's subtitle.
        "Color: Black cotton tote",
        "Size: A Large",
        "Star Wars: Power of the Force Freeze Frame Action Figure",
        "Nikon D750: the body only",
        "The Legend of Zelda: A Link Between Worlds (3DS, 2013)",
        "Star Wars: The Arcade Game Cartridge (Atari 8-Bit Computer)",
        "Tesla T-Shirt: The Future Is Mine",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn console_parts_eyewear_and_product_names_are_not_the_goods_their_words_name() {
    for title in [
        "Xbox 360 Kinect Sensor",
        "Xbox 360 remote controllers",
        "Xbox 360 Memory Unit (512 MB)",
        "PSP Traveler Case for PSP Go",
        "SIE PlayStation5 CFI-2000A01 【代金引換配送不可】",
        "Cricut Iron on Vinyl bundle",
        "Smashbox photo finish primer sample",
        "Comic Leggings",
        "Thrasher Magazine Shirt",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
    for title in [
        "silver aviator glasses",
        "Large blue mirror Ray-Bans",
        "Swell Bottle 9oz",
        "Mam Self Sterilizing Bottles",
        "Rae Dunn inspired tea towel",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
}

#[test]
fn sports_cards_card_lots_and_consoles_written_as_one_word_are_named() {
    for (title, class) in [
        ("Nolan Ryan Patch Baseball Card", ItemClass::PaperProduct),
        ("30+ Card Lot", ItemClass::PaperProduct),
        ("Xbox360 Grand Theft Auto 5 and COD", ItemClass::CdDvdBd),
        (
            "Donkey Kong Country Tropical Freeze WiiU",
            ItemClass::CdDvdBd,
        ),
    ] {
        assert_eq!(screen(title).class, class, "{title}");
    }
    // A TV series' complete set, a Rae Dunn piece and a bong are likely, not certain: hints.
    for (title, class) in [
        ("Pushing Daisies Complete Series", ItemClass::CdDvdBd),
        ("Veronica Mars Seasons 1-3", ItemClass::CdDvdBd),
        ("Rae Dunn Sugar Canister", ItemClass::Fragile),
        ("Bongs, water pipes, bubblers", ItemClass::Fragile),
    ] {
        let s = screen(title);
        assert_eq!(s.class, class, "{title}: {:?}", s.flags);
        assert!(
            s.flags.iter().all(|f| f.basis == Basis::Hint),
            "{title}: {:?}",
            s.flags
        );
    }
}

#[test]
fn record_sleeves_digital_frames_furniture_brands_and_prints_on_wood_are_not_what_they_name() {
    for title in [
        "LPレコード外袋 PP製 透明 厚口 500枚セット（LP用 12インチレコード レコード用外袋）",
        "LPレコード内袋 HD製 丸底 半透明 500枚セット（LP用 12インチレコード レコード用内袋）",
        "【ViVi4月号掲載】春パステル ハイカットスニーカー",
        "PS4 Camera with stand",
        "Metal photo print, modern wall art",
        "Photo on wood slice, wooden block with picture",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
    for title in [
        "Brand new in box 7\" digital photo frame",
        "Pottery Barn Coffee Table and Side Table SOLID WOOD",
        "14\" new silicon hookah . Last one!",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    // The words themselves still name the goods.
    for (title, class) in [
        ("LPレコード 帯付き 昭和歌謡", ItemClass::CdDvdBd),
        ("non-no 2019年4月号", ItemClass::PaperProduct),
        ("Glossy photo print 8x10", ItemClass::PaperProduct),
        ("Wooden photo frame 5x7", ItemClass::Fragile),
        ("Handmade pottery mug", ItemClass::Fragile),
    ] {
        let s = screen(title);
        assert_eq!(s.class, class, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_metal_incense_burner_is_no_pot_and_a_kochi_ware_one_is_ceramic() {
    let mut listing = Listing::titled("k1", "香炉 銅製 置物 風水");
    listing.description =
        Some("香炉 獅子 龍 銅製開運風水 九龍香炉 酒壺 香立て 香皿 材質:銅製".into());
    let s = checker().screen(&listing, Locale::Ja).unwrap();
    assert!(!s.fragile, "{:?}", s.flags);
    for title in [
        "紫交趾 獅子 香炉 香道具",
        "偕楽園製 御庭焼 香炉",
        "真鍮 壺 置物",
    ] {
        let s = screen(title);
        assert_eq!(s.fragile, !title.contains("真鍮"), "{title}: {:?}", s.flags);
    }
}

#[test]
fn porcelain_makers_are_fragile_and_glass_look_films_and_hats_are_not() {
    for title in [
        "Clarice Cliff Art Deco Parrot Pitcher",
        "Set of Floral Dessert Plates by Nymphenburg",
        "Moorcroft pomegranate vase",
        "Limoges trinket box",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    // Satsuma ware is likely ceramic, but the word names a fruit too: a hint.
    let s = screen("Satsuma Covered Ink Paste Box");
    assert!(
        s.fragile && s.flags.iter().all(|f| f.basis == Basis::Hint),
        "{:?}",
        s.flags
    );
    for title in [
        "ARTSCAPE Etched Glass 24\" x 36\" Window Film",
        "White glasses logo hat",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
}

#[test]
fn a_description_hint_yields_to_a_title_that_set_the_same_word_aside_or_is_named_for_it() {
    let with_description = |title: &str| {
        let mut listing = Listing::titled("g1", title);
        listing.description = Some("Cute glasses for everyday wear. Ships fast.".into());
        checker().screen(&listing, Locale::En).unwrap()
    };
    // The title says eyewear: the first sentence's "glasses" is the same eyewear.
    let s = with_description("Fashion Glasses");
    assert!(!s.fragile, "{:?}", s.flags);
    // A title that says nothing of glasses leaves the first sentence's hint standing.
    let s = with_description("Set of 4 cute ones");
    assert!(s.fragile, "{:?}", s.flags);
    assert!(
        s.flags.iter().all(|f| f.basis == Basis::Hint),
        "{:?}",
        s.flags
    );
    // A title named after what the item is for ("Glass Cleaner") says the same of the
    // description's glass; one that only carries an accessory ("with mirror") does not.
    let describe = |title: &str, description: &str| {
        let mut listing = Listing::titled("g2", title);
        listing.description = Some(description.into());
        checker().screen(&listing, Locale::En).unwrap()
    };
    let s = describe(
        "Windex Original Glass Cleaner, 32 fl oz Refill",
        "Unbeatable streak-free shine on: Windows Glass Tile Glass Tables Mirrors",
    );
    assert!(!s.fragile, "{:?}", s.flags);
    let s = describe(
        "Centerpiece Bowl by Bjorn Wiinblad for Rosenthal Studio Line",
        "Porcelain centerpiece bowl, signed.",
    );
    assert!(s.fragile, "{:?}", s.flags);
}

#[test]
fn a_shirt_printed_with_a_disc_or_a_poster_is_clothing_and_a_disc_console_is_hardware() {
    for title in [
        "The Big Lebowski Dude abides bowler blu ray dvd tee T Shirt",
        "SIZE L - The Big Lebowski T-SHIRT in VHS Box Movie Gift",
        "Vintage poster print t-shirt, size M",
        "Band screenprint tee, 1990s",
        "SONY PS5 - PLAYSTATION 5 - SYSTEM - DISC - CFI-1015A CONSOLE ONLY (AS-IS)",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
    // A poster print, a screenprint, a one-sheet, an index card, an anthology, an encyclopedia
    // and a graded comic are paper; a disc is still a disc.
    for (title, class) in [
        (
            "Dune Part 2 Two Movie Film Poster Print Arrakis",
            ItemClass::PaperProduct,
        ),
        (
            "The Big Lebowski - screenprint - Tyler Stout - signed",
            ItemClass::PaperProduct,
        ),
        (
            "JODOROWSKY'S DUNE Original 2013 One-Sheet",
            ItemClass::PaperProduct,
        ),
        (
            "JEFF BRIDGES AUTOGRAPHED 3X5 INDEX CARD",
            ItemClass::PaperProduct,
        ),
        ("The Peter Kropotkin Anthology", ItemClass::PaperProduct),
        ("Visual Encyclopedia of Animals", ItemClass::PaperProduct),
        (
            "Dazzler #1 (1981) Marvel 1st Solo Series CGC 9.6",
            ItemClass::PaperProduct,
        ),
        (
            "THE BIG LEBOWSKI New Sealed DVD Collector's Edition",
            ItemClass::CdDvdBd,
        ),
    ] {
        let s = screen(title);
        assert_eq!(s.class, class, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_swarovski_ornament_may_be_crystal_glass_and_its_jewellery_is_not() {
    let s = screen("Swarovski Annual Edition Ornament 2021 Large Snowflake");
    assert!(s.fragile, "{:?}", s.flags);
    assert!(
        s.flags.iter().all(|f| f.basis == Basis::Hint),
        "{:?}",
        s.flags
    );
    for title in [
        "Swarovski crystal necklace",
        "Swarovski Sparkling Dance earrings",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
}

#[test]
fn an_author_in_catalogue_order_after_by_hints_at_a_book() {
    for title in [
        "The Communist Manifesto by Marx, Karl; Taylor, Alan J. P.",
        "Imagination And Creative Thinking by Kind, Amy (claremont Mckenna College, Ca...",
        "The Conquest of Bread: 150 Years of Agribusiness in California by Walker, Richa",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert!(s.flags.iter().all(|f| f.basis == Basis::Hint), "{title}");
        assert_eq!(s.findings[0].term, "catalog_credit", "{title}");
    }
    // A credit in reading order is a brand's as often as an author's; a lowercase "by" phrase
    // or one after nothing is no credit; goods stay goods.
    for title in [
        "Polo 67 by Ralph Lauren Eau De Toilette 4.2oz",
        "Made by hand, with love",
        "by Marx, Karl",
        "Tote bag by Smith, Anna T-shirt",
        "Flowerbomb By Viktor Rolf 3.4 oz",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_mirror_is_glass_but_a_mirror_cap_sticker_or_splitter_is_not_and_a_road_map_is_paper() {
    for title in [
        "Full Length Floor Mirror - Silver",
        "Arched Wall Mirror With Shelf Metal Frame",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    for title in [
        "Carbon Fiber Mirror Cover Cap For BMW E90",
        "Chrome Mirror Vinyl Film Wrap Sticker Decal",
        "4K HDMI Repeater Mirror Splitter 1 In 4 Out",
        "Parking Permit Protector Mirror Tag Sleeve",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "1958 Chevron Road Map Of Idaho",
        "Rand McNally Road Atlas 2023",
        "Scratch Map deluxe travel edition",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    // A brand named Atlas is no book of maps.
    let s = screen("Turtle Beach Elite Atlas Pro Headset");
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_bicycle_frame_or_disc_brake_a_console_edition_and_a_computer_drive_are_no_frame_or_disc() {
    for title in [
        "Framed Minnesota 3.0 Fat Bike 26 inch wheel set",
        "2020 Trek FX3 Disc XL Carbon Fork",
        "Sony PlayStation 5 Disc Edition console bundle",
        "PS5 Digital Edition 825GB",
        "富士通 PRIMERGY サーバ Xeon 16GB DVD-ROM",
        "Dell Latitude laptop Core i5 8GB DVD",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    // The same words without the hardware still flag.
    assert!(screen("Framed print of a harbour at dusk").fragile);
    assert_eq!(
        screen("The Raid 2 (Blu-ray Disc)").class,
        ItemClass::CdDvdBd
    );
    assert_eq!(
        screen("Final Fantasy VII Remake PS4").class,
        ItemClass::CdDvdBd
    );
}

#[test]
fn a_panini_card_may_be_paper_but_a_panini_press_is_not() {
    let card = screen("2024 Panini Absolute Rookie Force Bo Nix #RF-BNX RC");
    assert_eq!(card.class, ItemClass::PaperProduct, "{:?}", card.flags);
    for title in [
        "Cuisinart Panini Press Grill",
        "Stainless steel panini maker with removable plates",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_birthday_card_showing_a_glass_or_a_bottle_is_paper_not_fragile() {
    for title in [
        "Stained Glass | Happy Birthday Card",
        "Personalised 75th Birthday Card - Vintage Perfume Bottle - For Her",
        "PINK ROSES - Greetings Card - A hand drawn illustration print",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    // A card of wood, or one that plays a video, is no paper product.
    for title in [
        "Personalised Wood Birthday Card, Rustic Birthday Card",
        "Recordable Video Greeting Card with 7 inch screen",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_drink_named_on_a_flask_a_barrel_or_wall_art_is_a_theme_not_a_bottle() {
    for title in [
        "Mountain Landscape Whiskey Flask Stainless Steel",
        "Personalized Mini-Oak Whiskey Barrels - Groomsmen Gift",
        "SPECIAL LOT SALE: 21 Used Wine Barrels",
        "Alcohol Wall Art: someone's shot of Whiskey, Embroidered Canvas",
        "Dutch Sterling Brandy Bowl by Alle De Haas c. 1900",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(screen("Japanese Whiskey 700ml Bottle").fragile);
}

#[test]
fn a_longer_term_set_aside_takes_along_the_shorter_term_inside_it() {
    // "wine glass" knows charms are no glass; "glass" alone does not, and must not win.
    let charms = screen("Wine glass charms set of 12");
    assert!(!charms.fragile, "{:?}", charms.flags);
    assert!(screen("Wine glass, crystal, set of 2").fragile);
}

#[test]
fn a_crock_written_with_its_old_character_is_ceramic() {
    for title in ["寸胴型の大きな瓷(かめ)", "信楽焼 水甕 睡蓮鉢"] {
        let s = screen(title);
        assert!(s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(!screen("プラスチック製 甕型 プランター").fragile);
}

#[test]
fn an_omnibus_edition_may_be_a_book() {
    let s = screen("Puella Magi Madoka Magica: The Complete Omnibus Edition");
    assert!(s.non_compensable, "{:?}", s.flags);
    assert_eq!(s.flags[0].basis, Basis::Hint, "{:?}", s.flags);
    assert!(!screen("Lord of the Rings Omnibus Edition DVD box")
        .flags
        .iter()
        .any(|f| f.class == ItemClass::PaperProduct));
}

#[test]
fn a_mirror_in_a_cartridge_games_name_is_no_mirror() {
    let s = screen("Kirby & the Amazing Mirror Nintendo Game Boy Advance Cartridge Only");
    assert!(!s.fragile, "{:?}", s.flags);
    assert!(screen("Antique oval wall mirror, gilt wood").fragile);
}

#[test]
fn a_console_named_by_its_model_number_is_hardware_not_a_disc() {
    for title in [
        "NINTENDO 任天堂 ゲームキューブ DOL-001 デジタルAV端子搭載",
        "SEGA メガドライブ+メガCD HAA-2510/HAA-2910",
        "SONY プレイステーション2 SCPH-90000 チャコールブラック",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
    assert!(
        screen("KONAMI ゲームキューブソフト メタルギアソリッド THE TWIN SNAKES").non_compensable
    );
}

#[test]
fn herman_miller_is_a_brand_not_a_mirror() {
    for title in [
        "ハーマンミラー アーロンチェア Bサイズ",
        "Herman Miller Sayl Chair",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(screen("アンティーク 壁掛け ミラー 木製フレーム").fragile);
}

#[test]
fn a_colour_a_case_or_a_box_named_after_a_class_is_not_that_class() {
    for title in [
        "Strathberry East West Mini Bottle Green",
        "Limited Edition Starbucks Coffee Cup personalised, travel mug, gift",
        "jujutsu kaisen manga satoru iPhone anime phone case",
        "Large Comic Book Hard Box Chest MDF Hulk",
        "Millennium Falcon Wedding Guest Book Alternative",
        "Nintendo Gamecube System For Parts Only",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn flutes_mirrors_and_wedding_cards_are_named_as_sellers_write_them() {
    for title in [
        "Star Wars Wedding Flutes, Toasting, engraved",
        "Vintage vanity hand mirrors, lot of 2, Art Deco",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    let card = screen("Star Wars Wedding card, funny wedding card congratulation");
    assert_eq!(card.class, ItemClass::PaperProduct, "{:?}", card.flags);
    assert!(!screen("Flute, silver plated, with case").fragile);
}

#[test]
fn merch_printed_with_a_magazine_cover_or_a_photo_is_not_paper() {
    for title in [
        "Vogue Cover Magazine Drawing Tough iPhone Phone Cases in Glossy or Matte",
        "Vogue Cover Magazine Drawing Tote Bag",
        "Custom Photo Party Sash - Birthday, Bachelorette, Wedding",
        "Custom Dog Photo Air Freshener - Personalized Car Decor",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
    let mug = screen("Sunflower Vol. 6 Mug | 11 oz Coffee Mug");
    assert!(mug.fragile && !mug.non_compensable, "{:?}", mug.flags);
    assert!(screen("Vogue Magazine December 2020 Issue").non_compensable);
    assert!(screen("Signed photo 8x10 glossy").non_compensable);
}

#[test]
fn sports_glasses_cycling_bottles_and_a_coat_of_arms_are_told_apart() {
    for title in [
        "サングラス/スポーツグラス/BLK/RED/メンズ",
        "bottle/サイクルボトル/WHT",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Lyons Family Coat Of Arms Round Ceramic Ornaments").fragile);
    assert!(!screen("Ceramic coat 9H car paint protection, top coat").fragile);
    assert!(screen("グラス/4点セット/WHT").fragile);
}

#[test]
fn comic_grades_and_first_appearances_hint_at_a_comic_book() {
    for title in [
        "Amazing Spider-Man #258 (1984) 1st App Symbiote",
        "Amazing Spider-Man #147 FN/VF Tarantula Appearance - Marvel 1975",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert!(
            s.flags.iter().all(|f| f.basis == Basis::Hint),
            "{title}: {:?}",
            s.flags
        );
    }
    assert!(!screen("Venom 1st appearance action figure, 6 inch").non_compensable);
}

#[test]
fn bookmarks_calendar_coasters_and_vr_glasses_are_not_what_they_name() {
    for title in [
        "Dragon Eye Bookmark: Handcrafted Wooden Fantasy Book Accessory",
        "Star Wars Maya Calendar Wood Coaster Set: Sci-Fi Fusion Design",
        "Virtual Reality Glasses Virtuality 360 Degree New Birthday Gift",
        "Sheesham Wooden Holy Book Stand Rehal for Reading Bible Quran Books",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    assert!(screen("28pc Glass Chess Pieces in Wooden Box").fragile);
}

#[test]
fn songbooks_atlases_bibles_slipcases_and_photographs_are_paper() {
    for title in [
        "The Clash (Songbook)",
        "An Atlas of Radical Cartography",
        "NIV Thinline Bible.",
        "The Art of the Lord of the Rings (60th Anniv Slipcase)",
        "Peter Gasser. Photographs 1977-1992",
        "Prisoner of Azkaban HCDJ 1st/1st 1999",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
    }
    assert!(!screen("Bible verse wall decal, vinyl sticker").non_compensable);
}

#[test]
fn a_disc_game_named_by_its_title_alone_is_a_hint_of_a_disc() {
    for title in ["Need For Speed Payback", "UFC 4", "Grand Theft Auto V (5)"] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::CdDvdBd, "{title}: {:?}", s.flags);
        assert!(
            s.flags.iter().all(|f| f.basis == Basis::Hint),
            "{title}: {:?}",
            s.flags
        );
    }
    // The same names on a cartridge, on hardware and on merch name no disc.
    for title in [
        "Call of Duty: Black Ops - Nintendo DS",
        "Mortal Kombat Scorpion Bottle Opener",
        "Halo 5 Master Chief action figure",
        "Call of Duty wireless controller for Xbox",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn sports_card_grades_and_rookie_patches_hint_at_a_trading_card() {
    for title in [
        "Blake Corum 2024 National Treasures NFL Gear Dual Rookie Patch Auto 02/25",
        "DBZ CCG Super Saiyan Goku 125 Limited Ultra Rare BGS 8.5",
        "Pikachu V-Union Promo Set 4 Card M/NM",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
    }
    assert!(!screen("Magnetic card holder 35pt for BGS 9.5 slabs, 25 pack").non_compensable);
}

#[test]
fn volumes_maps_manuals_and_complete_in_box_games_are_hints_of_their_class() {
    for (title, class) in [
        (
            "Hayate the Combat Butler by Kenjiro Hata Vols 3-7, 11, 13",
            ItemClass::PaperProduct,
        ),
        (
            "Vintage National Geographic June 1957 Map Europe",
            ItemClass::PaperProduct,
        ),
        (
            "Haynes Honda Civic 1996-2000 Repair Manual",
            ItemClass::PaperProduct,
        ),
        (
            "Cat portrait print - ready to frame",
            ItemClass::PaperProduct,
        ),
        (
            "Phantasy Star Online Episode 1&2 CIB For GameCube",
            ItemClass::CdDvdBd,
        ),
        ("Skies of Arcadia Legends CIB", ItemClass::CdDvdBd),
    ] {
        let s = screen(title);
        assert_eq!(s.class, class, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
    for title in [
        "National Geographic Mega Gemstone Dig Kit",
        "National Geographic Kids Telescope 50mm",
        "Repair Manual PDF Download Honda Civic",
        "Pokemon Red CIB Game Boy",
        "Nintendo 64 Console CIB",
        "Metal sign ready to frame",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn tools_cases_lids_and_console_accessories_named_after_a_class_are_not_flagged() {
    for title in [
        "Glass cutter tool for tiles",
        "Glasses case hard shell",
        "Mason jar lids wide mouth 24 pack",
        "Poster hanging strips removable",
        "Record storage crate for 12 inch records",
        "PS5 DualSense charging station",
        "PS4 Slim skin decal",
        "デジタルフォトフレーム 10インチ",
    ] {
        let s = screen(title);
        assert!(s.flags.is_empty(), "{title}: {:?}", s.flags);
    }
    // The thing itself still is.
    assert!(screen("Stained glass suncatcher").fragile);
    assert!(screen("Mason jar with lid 16 oz").fragile);
    assert!(screen("Movie poster 24x36").non_compensable);
}

#[test]
fn a_glass_maker_named_alone_is_glass_and_a_denim_brand_named_frame_is_no_frame() {
    assert!(screen("カガミクリスタル 置物 干支").fragile);
    for title in ["FRAME Denim Le High Skinny Jean", "Frame デニム パンツ 25"] {
        assert!(screen(title).flags.is_empty(), "{title}");
    }
    // A frame for pictures says so: on real listings "frame" alone is mostly a bicycle's, a
    // pair of glasses' or a whiteboard's.
    assert!(screen("Shell picture frame 4x4").fragile);
    assert!(!screen("Fixed Gear 55cm Frame").fragile);
}

#[test]
fn a_porcelain_shade_a_vinyl_raincoat_and_a_dvd_binder_are_no_porcelain_or_disc() {
    for title in [
        "Porcelain pink lipstick",
        "Fair porcelain foundation 30ml",
        "Vinyl raincoat yellow",
        "DVD holder binder 96 discs",
        "CD wallet for car visor",
    ] {
        let s = screen(title);
        assert!(s.flags.is_empty(), "{title}: {:?}", s.flags);
    }
    assert!(screen("Porcelain doll vintage").fragile);
    assert!(screen("Taylor Swift 1989 CD").non_compensable);
}

#[test]
fn a_term_shared_by_two_languages_keeps_its_context_words_in_both() {
    // 梅酒 is Japanese and Chinese; the paper pack that is no glass bottle counts in both.
    assert!(!screen("梅酒 紙パック 1.8L").fragile);
    assert!(screen("梅酒 720ml 瓶").fragile);
    // The lingerie words that cancel "CD" (a cup size) are whole words, not ブラ inside ラブライブ.
    assert!(!screen("ワコール スポーツブラ ワイヤーブラ S-AB-LL-CD").non_compensable);
    assert!(screen("ラブライブ!サンシャイン!! Aqours シングル CD").non_compensable);
}

#[test]
fn shaped_goods_pottery_fairs_and_resin_drippers_are_no_glass_or_ceramics() {
    for title in [
        "ワイングラス型 キャンドル",
        "グラス型 ピアス",
        "陶器市 トートバッグ",
        "HARIO ドリッパー 樹脂",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(screen("HARIO V60 耐熱ガラス サーバー").fragile);
    let s = screen("ポスター フレーム 木製 A2");
    assert!(s.fragile && !s.non_compensable, "{:?}", s.flags);
}

#[test]
fn cross_selling_and_an_instruction_booklet_in_a_description_flag_nothing() {
    for (title, description) in [
        (
            "Patagonia fleece",
            "I also sell CDs, DVDs, video games. Message me for bundles.",
        ),
        (
            "Lego Star Wars set 75192",
            "Complete with instruction booklet and box. Pet free home.",
        ),
    ] {
        let s = described(title, description);
        assert!(s.flags.is_empty(), "{title}: {:?}", s.flags);
    }
    assert!(described("Album", "CD, jewel case has a crack.").non_compensable);
}

#[test]
fn a_watch_crystal_and_a_film_that_comes_with_a_case_are_no_glass_item() {
    for (title, description) in [
        ("腕時計 セイコー", "風防ガラスに傷なし。"),
        ("スマホケース iPhone15", "ガラスフィルム付き"),
        ("Seiko 5 automatic watch", "Sapphire crystal, 38mm case."),
    ] {
        let s = described(title, description);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(screen("ガラスフィルム iPhone15 2枚").fragile);
}

#[test]
fn mockups_and_gifts_for_wine_or_book_lovers_are_not_what_they_name() {
    for title in [
        "Ceramic mug mockup PSD",
        "Poster mockup frame PSD",
        "Wine Lover Gift Funny Socks",
        "Book Lover Gift Bookish Sweatshirt",
    ] {
        let s = screen(title);
        assert!(s.flags.is_empty(), "{title}: {:?}", s.flags);
    }
    assert!(screen("Gift for wine lovers: crystal wine glass set").fragile);
}

#[test]
fn a_context_word_after_for_still_describes_the_item_while_a_class_term_there_is_what_it_serves() {
    for title in [
        "Mirror for bike handlebar",
        "Рама для велосипеда",
        "Зеркало для автомобиля",
    ] {
        assert!(!screen(title).fragile, "{title}: {:?}", screen(title).flags);
    }
    // What the item is for is not the item.
    for title in ["Rack for wine glasses", "Подставка для стеклянных бокалов"]
    {
        assert!(!screen(title).fragile, "{title}: {:?}", screen(title).flags);
    }
    // An accessory after "with" still cancels nothing of the item's own material.
    assert!(screen("Glass jar with silicone lid").fragile);
}

#[test]
fn a_japanese_primer_or_workbook_is_a_book_but_a_beginners_model_is_not() {
    for title in [
        "大人のための英語多読入門",
        "“ニューレトロ\"の描き方 イラスト",
        "美容師試験 問題と解説",
        "ワンピースの基本パターン集",
    ] {
        let s = screen(title);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
    }
    for title in [
        "入門用 アコースティックギター",
        "ゴルフ 入門セット クラブ",
        "初心者用 入門モデル 釣り竿",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn scented_creams_device_glass_and_mirror_dashcams_are_not_the_fragile_goods_they_name() {
    for title in [
        "ロクシタン パフュームド ハンドクリーム 30ml 香水",
        "iPad Pro 11インチ Wi-Fi 1TB 標準ガラス スペースブラック",
        "クッションガラス ナチュラル SPF50+ クッションファンデ",
        "ケンウッド ドライブレコーダー ミラー型 デジタルミラー",
        "Mini Pottery Wheel Machine for Beginners",
        "Pure Life Purified Drinking Water 16.9 fl oz Bottles, 35 Pack",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    // The glass, the perfume and the mirror themselves still are.
    for title in [
        "iPad 第10世代 ガラスフィルム",
        "シャネル 香水 50ml",
        "卓上ミラー 鏡 スタンド",
        "Khamrah Lattafa 100ml",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
}

#[test]
fn card_rarity_marks_dvdvideo_tags_and_cookbooks_name_their_class_but_supplies_do_not() {
    for (title, class) in [
        ("183/165[AR]：(キラ)ミュウツー", ItemClass::PaperProduct),
        ("Home Cooking: A Cookbook", ItemClass::PaperProduct),
        ("Red (special Edition) (dvdvideo)", ItemClass::CdDvdBd),
    ] {
        assert_eq!(screen(title).class, class, "{title}");
    }
    for title in [
        "ポケモンカード スリーブ [SR]",
        "ポケモンカードゲーム ロングカードボックス イーブイ大集合",
        "ポケモンカードゲーム ポケモンコイン ピカチュウ",
        "Cookbook Stand Wooden Holder",
        "Now Playing Light Up Vinyl Record Stand Wooden LED Display Holder",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn melamine_and_wooden_dishes_paper_packs_and_fake_books_are_not_what_their_words_name() {
    for title in [
        "メラミン ラーメン丼受皿 No.50 クリーム",
        "盛り付け皿 天然木 和モダン ブナ材",
        "麦焼酎 25度 1．8Lパック 1ケース6本入り",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(!screen("フェイクブック 収納箱 洋書 デザイン 辞書 古本風").non_compensable);
    for title in ["波佐見焼 ラーメン丼", "焼酎 1.8L 瓶 6本"] {
        assert!(screen(title).fragile, "{title}");
    }
}

#[test]
fn cloths_curtains_trivets_and_laptops_are_not_the_glass_mirrors_or_books_they_name() {
    for title in [
        "マイクロファイバー ふきん 3枚 ガラス 鏡 拭き",
        "ミラー レースカーテン 2枚組 UVカット",
        "南部鉄器 鉄瓶 瓶敷 セット",
        "ステンレス ランチスコップ ミラー",
        "偏光 サングラス ミラー スポーツ",
        "K18 ミラーノチェーン ネックレス",
        "お香 線香 香水のような香り 30本",
        "Sky Glass 55 inch smart TV",
        "Glass Cloth, Cotton, Pack of 2",
        "Bottle Corkscrew with Foil Cutter",
        "Stainless Coffee Mug - Mirror Finish",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "Microsoft Surface Book 3 13.5 inch i7",
        "Wallet Book Phone Cover for Galaxy A15",
        "Baby Bath Book Waterproof Animals",
        "32 inch LCD DVD Combi TV with Freeview",
        "透明OPP袋 CD/DVD用 100枚",
        "キルティング 絵本袋 入園準備",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    // The glass, the mirror, the perfume, the disc and the book themselves still are.
    for title in [
        "Opalware Dinner Set 27 pcs",
        "卓上ミラー 鏡",
        "シャネル 香水 50ml",
        "Wine Bottle Glass 750ml",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    for title in ["キルティング 絵本 読み聞かせ", "Mirror Finish (CD)"] {
        assert!(screen(title).non_compensable, "{title}");
    }
}

#[test]
fn accessories_named_after_a_class_word_are_not_that_class() {
    for title in [
        "Bottle Sterilizer and Dryer",
        "Mirror Glaze Cake Mix",
        "Mug Warmer for Desk",
        "Mug Tree Holder Stand",
        "Glass Etching Cream 3 oz",
        "Glass Paint Markers 12 Colors",
        "Glasses Cleaning Spray",
        "瓶ブラシ スポンジ 柄付き",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "CD Slot Phone Mount for Car",
        "Car Visor CD Organizer",
        "Empty DVD Cases 10 Pack",
        "CDスロット スマホホルダー 車載",
        "Book Clip Page Holder",
        "Hollow Book Safe with Lock",
        "Magazine Holder Wall Mount",
        "Card Game Table Mat",
        "ブックバンド ゴム 文庫",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    // What they go with still is, and a book sold with its band or bookmark is a book.
    for title in ["Ceramic Mug 12 oz", "Glass Bottle 500ml"] {
        assert!(screen(title).fragile, "{title}");
    }
    for title in [
        "Car Songs (CD)",
        "文庫 ブックバンド付き 小説",
        "ワンピース 文庫 しおり付き",
        "Pokemon Card Game Booster Box",
    ] {
        assert!(screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_drink_named_on_jewellery_a_dog_or_a_sign_and_a_mug_printed_on_a_shirt_are_not_glassware() {
    for title in [
        "Whiskey River Wire Wrapped Necklace",
        "Whiskey the Dog Pipe Cleaner Figure",
        "A Glass of Wine Wood Sign, Bar Decor",
        "Coffee Mug Graphic T-shirt, Unisex",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "Jack Daniel's Tennessee Whiskey 700ml",
        "Stoneware Coffee Mug 12 oz",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
}

#[test]
fn a_numbered_season_hints_at_a_disc_set_and_a_herb_or_botanical_print_at_paper() {
    let s = screen("The Big Bang Theory Seventh Season");
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert!(screen("Herb Print Set of 3, Kitchen Wall Art").non_compensable);
    assert!(screen("Botanical Print, A6 Postcard Size").non_compensable);
    for title in ["Season One Hoodie Unisex", "Season Pass Holder Lanyard"] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_saying_a_photo_prop_and_a_card_game_case_are_not_the_teacup_photo_or_cards_they_name() {
    for title in [
        "Hand Stamped Whiskey in a Teacup Bracelet",
        "Yoda Hat, Perfect Photo Prop",
        "Magic the Gathering Deck Box Carrying Case",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}");
    }
    assert!(screen("Porcelain Teacup and Saucer").fragile);
    assert!(screen("Vintage Photo of a Lighthouse, 1950s").non_compensable);
    assert!(screen("Magic the Gathering Booster Pack").non_compensable);
}

#[test]
fn every_kind_of_greeting_card_etsy_files_is_paper_and_its_pictured_glass_is_no_glass() {
    for title in [
        "Get Well Soon Card, Handmade",
        "Funny Graduation Card for Her",
        "Best Friend Card, Birthday",
        "Retirement Card from All of Us",
        "Letterpress Note Cards, Set of 8",
        "Illustration Print - Fox in the Snow",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
    }
    let s = screen("Graduation Card with Champagne Glass");
    assert!(!s.fragile && s.non_compensable);
    assert!(!screen("Wooden Engagement Card Keepsake").non_compensable);
}

#[test]
fn a_glass_lamp_shade_a_tea_service_and_a_creamer_and_sugar_set_are_fragile() {
    for title in [
        "Bankers Desk Lamp, Green Glass Shade",
        "Vintage Tea Service for Six",
        "Creamer and Sugar Set, Blue Willow",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    // A creamer alone is as likely the drink as the jug.
    assert!(!screen("Coffee Creamer Hazelnut 32 oz").fragile);
}

#[test]
fn a_720ml_bottle_hints_at_glass_unless_it_is_a_pack_or_a_can() {
    let s = screen("紀土 カラクチキッド 720ml");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    for title in [
        "いいちこ 720ml 紙パック",
        "ストロングゼロ 720ml 缶",
        "ボディソープ 詰め替え 720ml",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
}

#[test]
fn a_storage_capacity_names_a_console_or_recorder_not_a_disc() {
    for title in [
        "PS5 Blu-ray Edition 825GB",
        "Xbox One S 1TB",
        "PS4 Slim 500GB Jet Black",
        "Panasonic DIGA 500GB Blu-ray Recorder",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    for title in ["The Matrix Blu-ray Edition", "Halo 5 Xbox One"] {
        assert_eq!(screen(title).class, ItemClass::CdDvdBd, "{title}");
    }
}

#[test]
fn a_figurine_of_vinyl_pewter_or_a_carved_netsuke_is_no_ceramic() {
    for title in [
        "Netsuke of a Woman, Child and Rabbit",
        "PVC Figurine Anime Girl 20cm",
        "Pewter Dragon Figurine",
        "Crochet Bunny Figurine",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Ceramic Figurine of a Cat with Felt Hat").fragile);
    assert!(screen("Bisque Figurine, Victorian Lady").fragile);
}

#[test]
fn a_description_that_says_nothing_ships_makes_a_poster_or_book_a_file_no_class_covers() {
    for (title, description) in [
        (
            "WHISKY poster, whisky print, bar decor",
            "THIS IS A DIGITAL FILE, NO PHYSICAL ITEM WILL BE SENT TO YOU. You will receive 1 JPG.",
        ),
        (
            "The Interoception Workbook",
            "Printable PDF. This is a digital product; you will not receive a physical copy.",
        ),
    ] {
        let s = described(title, description);
        assert!(s.flags.is_empty(), "{title}: {:?}", s.flags);
    }
    // Shipping talk alone says nothing of the kind: the poster ships in a tube.
    let s = described(
        "Vintage Movie Poster 24x36",
        "Ships rolled in a sturdy tube. Smoke-free home.",
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
}

#[test]
fn a_tarot_or_oracle_deck_is_paper_but_its_box_or_sleeves_are_not() {
    for title in [
        "Floriography Tarot Deck, 78 cards",
        "Moonlight Oracle Cards with Guidebook",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    for title in ["Tarot Card Sleeves, 80 Pack", "Wooden Tarot Deck Box"] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn whiskey_on_a_tank_top_a_hat_a_night_light_or_a_pin_and_a_braiding_disc_are_no_bottle_or_disc() {
    for title in [
        "Sunshine & Whiskey Relaxed Fit Tank Top",
        "Whiskey Trucker Hat",
        "Lace Whiskey cold shoulder romper S",
        "Maker's Mark Whisky Night Light",
        "Whiskey Makes Me Frisky 1-inch Pinback Button or Magnet",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Tennessee Whiskey 700ml, Gift Box").fragile);
    // A phone's condition report names no glass item; a glass protector still is one.
    assert!(!screen("Apple iPhone 8 64gb unlocked - Damaged Glass Screen And Back").fragile);
    assert!(!screen("iPhone 1st Gen 16 GB Good Used Broken Glass").fragile);
    assert!(screen("iPhone 14 Tempered Glass Screen Protector").fragile);
    // A shop's item code in parentheses is no disc, and leaves the ceramic pot a pot.
    let s = screen("Cute Ceramic Succulent Pots (Cd 12) (7inch Approx)");
    assert!(s.fragile && !s.non_compensable, "{:?}", s.flags);
    assert!(screen("Greatest Hits 2 CD set").non_compensable);
    // Round 53: a silver sake cup, a framed chalkboard, a teapot keychain, a fascinator's
    // disc, book rings and Throne of Glass shelf signs are none of their words.
    for title in [
        "純銀製 玉盃2寸 うさぎのつき",
        "Large framed Chalkboard, Garden, Playroom",
        "Teapot Keychain VERY SMALL Tea Pot Keyring",
        "Blue wedding hat, hatinator, ladies fascinator, headband, disc",
        "Magical Train Reading Ring | Book Ring | Page Holder",
        "Book Straightener Sign | Throne of Glass Shelf Sign | Library Sign",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    assert!(screen("有田焼 盃 2客").fragile);
    assert!(screen("Throne of Glass, Sarah J. Maas, paperback book").non_compensable);
    assert!(!screen("Kumihimo Beading Cord Disc/Disk Braiding Plate DIY").non_compensable);
}

#[test]
fn a_postcard_size_and_an_uno_card_game_are_no_postcard_or_trading_cards() {
    for title in [
        "ファンデーションテープ はがきサイズ 9.5×14cm 5枚入",
        "ウノ UNO カードゲーム B7696",
        "エクスプレス モノポリー カードゲーム",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    assert!(screen("ポケモンカードゲーム 拡張パック 151").non_compensable);
    assert!(screen("絵はがき 京都 5枚セット").non_compensable);
}

#[test]
fn rae_dunn_written_as_one_word_still_hints_at_stoneware() {
    let s = screen("RaeDunn Measuring Cups with handles");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    assert!(!screen("RaeDunn inspired vinyl decal").fragile);
}

#[test]
fn a_movie_collection_hints_at_discs_unless_it_is_a_poster_or_a_download() {
    let s = screen("4 Movie Collection – Hollywood Hits (Hostel, Hostel Part II)");
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    assert_eq!(
        screen("Disney Movie Collection Poster 24x36").class,
        ItemClass::PaperProduct
    );
    assert!(!screen("Marvel Movie Collection digital download code").non_compensable);
}

#[test]
fn a_whiskey_colour_a_metal_art_print_and_an_acrylic_mason_jar_are_not_what_they_name() {
    for title in [
        "8 Pocket Billfold Wallet, vegetable dyed leather, Whiskey color",
        "personalized acrylic tumbler, mason jar, beach vacation",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(!screen("ISU Metal Art Print: Preparing for Battle").non_compensable);
    assert!(screen("Fine Art Print, Acrylic Painting, Wall Decor").non_compensable);
    let s = screen("Prayer Fairy 5x7 Print");
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    assert!(!screen("Fairy 5x7 Print on Canvas").non_compensable);
}

#[test]
fn a_tin_guinomi_is_no_ceramic_and_a_mizusashi_hints_at_pottery() {
    assert!(!screen("ぐい呑・ちろり (大阪錫器)").fragile);
    assert!(screen("備前焼 ぐい呑").fragile);
    let s = screen("文一 作 南蛮 平水指 お多福");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    assert!(!screen("輪島塗 漆塗り 水指").fragile);
}

#[test]
fn enamelled_range_parts_paint_pens_and_sanding_discs_are_not_what_their_materials_name() {
    for title in [
        "Range Kleen GE/Hotpoint Large Porcelain Drip Bowl 8\"",
        "Pfaltzgraff Cape May 8-Inch Enamel on Steel Burner Cover",
        "24 Colors Acrylic Paint Pens for Wood, Canvas, Stone, Glass, Ceramic Surfaces",
        "JUICY COUTURE Eyeglasses 917 Satin Wine 47MM",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Porcelain Serving Bowl 8\"").fragile);
    assert!(screen("Pfaltzgraff Winterberry Dinner Plate").fragile);
    for title in [
        "5 Inch Sanding Discs Hook and Loop | 60/80/120 Grit",
        "(20 Discs) - Fixing Wall Anchors Fast!",
        "VEVOR Ultrasonic Vinyl Record Cleaner 6L 40kHz",
        "Poster Stand with Aluminum Snap Open Frame for 11x17 Inches",
        "Document, Photo & Receipt Scanner with Auto Document Feeder",
        "Greeting Card Plastic Sleeves, Clear Cellophane Cello Bags",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    assert!(screen("Vinyl Record Storage Crate and 12 Records").class != ItemClass::Fragile);
}

#[test]
fn flash_cards_invitations_and_raffle_tickets_are_paper_unless_a_file_or_a_memory_card() {
    for title in [
        "652 Sight Words/Phonics Flash Cards, Learn to Read",
        "Printed Party Baby Shower Invitations and Envelopes, Set of 25",
        "50 Diaper and Wipes Raffle Tickets - Baby Shower Invitation Insert",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    for title in [
        "CompactFlash Memory Flash Cards 32GB 2-pack",
        "Editable Birthday Invitations Template, Instant Download",
        "DIY Recordable Audio Module for invitations",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn a_toy_advent_calendar_is_no_paper_calendar() {
    assert!(!screen("Bluey Advent Calendar | 24 Pieces").non_compensable);
}

#[test]
fn silver_wine_funnels_decanter_coasters_and_porcelain_signs_are_no_glass_or_china() {
    for title in [
        "George III Antique Silver Wine Funnel",
        "Pair of Old Sheffield Plate Decanter Coasters.",
        "Vintage Porcelain Enamel Letter A Industrial Art",
        "Staffordshire Bull Terrier T-Shirt",
        "Hydrogel Film Screen Protectors For iPhone 14 Not Glass",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Cut Glass Wine Decanter").fragile);
    assert!(screen("A pair of Victorian Staffordshire dogs, circa 1850").fragile);
}

#[test]
fn tin_sake_flasks_and_lacquered_saucers_are_no_ceramics_and_a_plate_size_is_no_volume() {
    for title in [
        "錫の徳利 1900年前後 日本製",
        "手塗漆) デザートカップ&ソーサー kokoro",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("備前焼 徳利").fragile);
    assert!(!screen("ひのき間伐材のプレート小120").non_compensable);
}

#[test]
fn a_framed_print_is_paper_behind_glass_and_a_print_on_archival_paper_is_paper() {
    let s = screen("Rottie Pup Framed Print 39.25\"x31\" by Dean Russo");
    assert!(s.fragile && s.non_compensable, "{:?}", s.flags);
    let s = described(
        "Stillwater, Minnesota (1898)",
        "A Sanborn Fire Insurance Map from 1898. Each print is produced on archival-quality \
         paper and custom framed with a Gallery Natural frame and single mat.",
    );
    assert!(s.fragile && s.non_compensable, "{:?}", s.flags);
    assert!(!screen("Archival Paper, 50 Sheets, Acid-Free").non_compensable);
}

#[test]
fn a_mirroring_projector_a_sake_lotion_and_bottled_almond_milk_are_no_glass() {
    for title in [
        "LUMOS A10 PRO Smart LED Projector with 5G WiFi and Wireless Mirror Phone",
        "Fresh Almond Milk Bundle (2 Bottles)",
        "菊正宗 男性用 日本酒保湿化粧水 しっとり 150ミリリットル",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Round Wall Mirror 24\"").fragile);
    assert!(screen("菊正宗 純米 日本酒 720ml").fragile);
}

#[test]
fn a_donabe_makers_name_and_a_book_imprint_or_first_volume_hint_at_what_they_sell() {
    let s = screen("長谷園 かまどさん五合炊(直火専用) CT-50");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    for title in [
        "コーヒーの科学 「おいしさ」はどこで生まれるのか (ブルーバックス)",
        "ブラック・スワン[上]―不確実性とリスクの本質",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
    // A first pair of chopsticks is no first volume.
    assert!(!screen("すべらせん箸(上)とラーメンの具の箸置きセット").non_compensable);
}

#[test]
fn a_class_word_right_before_an_accessory_noun_names_what_the_item_holds() {
    for title in [
        "George III regency silver wine funnel",
        "Pair of Old Sheffield Plate Decanter Coasters.",
        "Poster Stand with Aluminum Snap Open Frame",
        "CD Holder for Car Visor",
        "Wine Glass Rack Under Cabinet",
    ] {
        let s = screen(title);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
    // Not when the noun after the class word is the item itself.
    assert!(screen("Glass Cake Stand with Dome").fragile);
    assert!(screen("Crystal Wine Glass Set of 4").fragile);
}

#[test]
fn plastic_cocktail_glasses_mug_suspenders_and_a_perfume_tray_are_no_glass() {
    for title in [
        "HOST FREEZE Margarita Cocktail Glasses, Frozen Cup Plastic Margarita Glasses, Set of 2",
        "Beer Mug Suspenders (adjustable) Party Accessory",
        "Silicone Bathroom Tray for Counter, Perfume Key Trinket Ring Tray",
        "保護フィルム不要に！塗るだけで傷を防止するガラス強化剤",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("Crystal Cocktail Glasses, Set of 4").fragile);
    let s = screen("iwaki ウォータードリップコーヒーサーバー 440ml K8644-CL");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
}

#[test]
fn a_tapestry_poster_a_talking_book_and_a_cable_model_number_are_no_paper_or_disc() {
    for title in [
        "Wolf Tapestry Wall Hanging Poster for Bedroom, 59x51 inch",
        "LeapFrog 100 Animals Book Interactive Bilingual Word Book",
        "HUAZI Poster Stand Heavy Duty Poster Board Stand with Base",
        "AUKEY USB C to USB Cケーブル (1m) Type-C CB-CD5",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    for title in [
        "1 Hour 5x7 Photo Paper Cards (Set of 20)",
        "Brown Bear, Brown Bear Bilingual Learning Cards, 54ct",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
}

#[test]
fn graded_readers_an_autobiography_and_a_no_maki_volume_hint_at_books() {
    for title in [
        "Oxford Bookworms Library 4 Songs of Distant Earth 3rd",
        "夕暮れもとぼけて見れば朝まだき――ノッポさん自伝",
        "陰陽師 玉兎ノ巻",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
}

#[test]
fn a_book_publishers_name_hints_at_a_book_unless_on_its_character_goods() {
    let s = described("「超」勉強法", "野口 悠紀雄 講談社 1995-11-01");
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].basis, Basis::Hint);
    assert!(!screen("キン肉マン ハンカチ 綿 集英社 東映 ジャンプ").non_compensable);
}

#[test]
fn a_bottle_jack_a_calendar_photo_frame_and_a_thermal_brush_are_not_what_they_name() {
    assert!(!screen("6-Ton Hydraulic Bottle Car Jack").fragile);
    assert!(!screen("Ionic Ceramic Thermal Brush - 55mm").fragile);
    assert!(!screen("How to Get Glass Skin: The Industry Secrets").fragile);
    for title in [
        "Smart Family Calendar Wi-Fi Digital Picture Frame",
        "Javier Baez Trading Card Bobblehead",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    assert_eq!(
        screen("The Original Rider Waite Tarot Pack").class,
        ItemClass::PaperProduct
    );
    assert_eq!(
        screen("2025 Wall Calendar, 12 Months").class,
        ItemClass::PaperProduct
    );
}

#[test]
fn an_otoscope_vr_goggles_a_glass_top_stove_and_demi_glace_are_not_glass_or_mirrors() {
    for title in [
        "電子耳鏡 耳かき スコープ",
        "VRゴーグル VRグラス メガネ対応 ブラック",
        "3D VR ゴーグル グラス 折りたたみ",
        "お掃除パッド IHコンロ・ガラストップガスコンロ用パッド",
        "グラスフェッドビーフ サーロインブロック 1kg",
        "熟成デミグラスの牛ほぐし肉カレー 中辛",
        "iPhone8ケース TPUバンパー＋背面プレキシガラス",
        "ステンレス氷 アイスキューブ ウイスキーロック 8個セット",
        "ミラーカバー スタンドミラー用 アイボリー",
        "保温 弁当箱 540ml 特盛 どんぶり ランチ",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    // The words they cancel still name the real thing.
    assert!(screen("江戸切子 ロックグラス ウイスキー").fragile);
    assert!(screen("スタンドミラー 全身 姿見").fragile);
}

#[test]
fn japanese_frame_products_cookbooks_law_compendia_and_anime_editions_are_named() {
    for title in [
        "ベビーフレーム 手形 足形 出産祝い",
        "ブライダルフレーム 木目 4面",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    for title in [
        "HTML5クックブック",
        "海事六法〈2019〉",
        "目にやさしい大活字 仕事術",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    for title in ["コネクト(アニメ盤)", "細雪(スマプラ対応)"] {
        assert_eq!(screen(title).class, ItemClass::CdDvdBd, "{title}");
    }
    // A shelf for discs is none.
    let s = screen("DVD棚 たっぷり収納 CD/DVD収納・姿見ミラー");
    assert!(s.fragile && !s.non_compensable, "{:?}", s.flags);
}

#[test]
fn mug_hooks_copper_and_melamine_mugs_a_pasta_press_and_photo_paper_are_ordinary() {
    for title in [
        "Wall Mounted Storage Mug Hooks with Display Organizer",
        "Solid Copper Moscow Mule Mug",
        "100% Melamine Coffee Mug Set - Blue",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(!screen("Gourmet Pasta Press - 6 Disc").non_compensable);
    assert!(!screen("Canon - Glossy Photo 5\" x 5\" 20-Count Paper").non_compensable);
    assert!(screen("Stoneware Coffee Mug 12oz").fragile);
}

#[test]
fn book_cases_a_galaxy_book_ceramic_phone_colours_disc_jewellery_and_screen_glasses_are_ordinary() {
    for title in [
        "Solid Wood Book Case in Honey Oak Finish",
        "Samsung Galaxy Book Pro 360 13.3 inch",
        "Newspaper Print Mat",
        "Contemporary Iridescent Disc Necklace",
        "Mini Disc Vibration Motor",
        "The Very Hungry Caterpillar Oversized Soft Book",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    for title in [
        "Samsung Galaxy S10 Plus Ceramic White 128GB",
        "Beeswax Natural Solid Perfume - Relax",
        "John Jacobs Screen Glasses",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    // A screen-printed glass is still glass; a paperback is still a book.
    assert!(screen("Screen Printed Rock Glasses - Set of Two").fragile);
    assert_eq!(
        screen("レーシングドライバー パーソナルブック『YUKI』").class,
        ItemClass::PaperProduct
    );
}

#[test]
fn plate_stands_wine_cellars_window_films_cloths_and_wooden_or_metal_ware_are_not_what_they_name() {
    for title in [
        "皿立て プレートスタンド 絵皿立て 額縁立て",
        "ワインセラー コンプレッサー式 18本",
        "オーバーグラス 偏光 サングラス",
        "ガラス片から足を守る防災スリッパ",
        "ガラスクロス 窓 鏡拭き マイクロファイバー",
        "窓ガラスフィルム 目隠し 窓用 ガラスシート",
        "菓子皿 サクラ材 オイル仕上げ",
        "手付マッコリカップ アルマイト 食器",
        "アルミ製 徳利 日本酒 熱燗セット",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    // The goods of a bundle ("…内容物") are not the disc or book they came with.
    let s = screen("マフラータオル&アクリルキーホルダー 【限定版 BD-BOX内容物】");
    assert!(!s.non_compensable, "{:?}", s.flags);
    assert!(!screen("Canon EOS R50 ミラーレス LP-E17 バッテリー").non_compensable);
    assert!(screen("有田焼 菓子皿 5枚").fragile);
}

#[test]
fn a_ceramic_rinse_and_a_whiskey_barrel_head_are_no_ceramics_or_bottle_and_a_storybook_is_paper() {
    assert!(!screen("Gtechniq Marine Rinse-On Ceramic 500ML").fragile);
    assert!(!screen("Reclaimed Engraved Whiskey BarrelHead Ready to Hang").fragile);
    assert!(screen("Ceramic Whiskey Decanter").fragile);
    assert_eq!(
        screen("Cult of Mathilda Storybook - Physical Copy").class,
        ItemClass::PaperProduct
    );
}

#[test]
fn a_baccarat_towel_is_no_crystal_and_hand_thrown_bowls_may_be_ceramic() {
    assert!(!screen("Baccarat White Hand Towel").fragile);
    assert!(screen("Baccarat Harcourt Tumbler").fragile);
    let s = described(
        "Three-Bowl Set",
        "A coordinated set of three hand-thrown bowls in complementary glazes.",
    );
    assert!(s.fragile, "{:?}", s.flags);
    assert_eq!(s.flags[0].basis, Basis::Hint);
}

#[test]
fn a_titles_vessel_word_yields_to_the_material_its_description_states() {
    // The title names the dish, the description what it is made of.
    let s = described("りんか皿 14.5cm", "花形の木製小皿です。食卓が華やぎます。");
    assert!(!s.fragile);
    assert!(
        !described(
            "Floral Mug 12oz",
            "Made of stainless steel with a powder coat."
        )
        .fragile
    );
    // A description that names a fragile material as well keeps the flag.
    assert!(described("りんか皿 14.5cm", "木製の台に陶器の小皿をのせました。").fragile);
    // A material word in the shipping talk says nothing about the item.
    assert!(described("りんか皿 14.5cm", "プラスチックケースに入れて発送します。").fragile);
    // Only a vessel word yields: a material word in the title does not.
    assert!(described("ガラス 小皿 14.5cm", "木製の台が付きます。").fragile);
    assert!(described("有田焼 小皿", "木製の箱に入っています。").fragile);
    // Without a description the vessel word flags as before.
    assert!(screen("りんか皿 14.5cm").fragile);
}

#[test]
fn a_digital_comics_imprint_is_no_paper_and_a_spaced_edition_number_is_a_book() {
    for title in [
        "ダンダダン 20 (ジャンプコミックスDIGITAL)",
        "かくかくしかじか 1 (マーガレットコミックスDIGITAL)",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    assert!(screen("ダンダダン 20 (ジャンプコミックス)").non_compensable);
    for title in [
        "EFFECTIVE JAVA 第 2 版 (The Java Series)",
        "分散システム 第二版",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
    }
}

#[test]
fn record_racks_picture_book_shelves_and_mirror_scale_removers_are_ordinary() {
    let s = screen("本棚 レコードラック 木製 LP 絵本棚 収納棚 レコード収納 2段");
    assert!(!s.non_compensable);
    assert!(screen("LP 12インチ 帯付き").non_compensable);
    assert!(screen("絵本 3冊セット").non_compensable);
    let s = screen("万能クリーナー お風呂洗剤 浴室 鏡うろことり 換気扇掃除");
    assert!(!s.fragile);
    assert!(screen("手鏡 アンティーク").fragile);
}

#[test]
fn a_publishers_series_in_closing_parentheses_hints_at_a_book_but_never_hides_a_statement() {
    for title in [
        "深層学習 (機械学習プロフェッショナルシリーズ)",
        "リファクタリング―プログラムの体質改善テクニック (Object Technology Series)",
        "エンタープライズ アプリケーションアーキテクチャパターン (Object Oriented Selection)",
        "TCP のしくみと実装 （TCPIP 基礎シリーズ）",
        "数学ガール ゲーデルの不完全性定理 (数学ガールシリーズ 3)",
        "日本人の歴史 (学術ブックス 12)",
        "Java入門 (Programming Series 4)",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}");
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
    }
    // A statement inside the parentheses is still the statement.
    let s = screen("京都教育大学 2019 (No.102) （大学入試シリーズ）");
    assert_eq!(s.flags[0].basis, Basis::Statement);
    for title in [
        "amiibo マルス(大乱闘スマッシュブラザーズシリーズ)",
        "遠州綿織物手縫いブックカバー(文庫本サイズ)",
        "ステンレス ボトル 500ml (ブラック)",
        "ステンレス ボトル (シリーズ 12345)",
        "トミカ ミニカー (トミカシリーズ 5 12)",
        "(Object Oriented Selection)",
        ")",
        "()",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}

#[test]
fn paperweights_hummel_and_royal_delft_hint_or_say_fragile_and_faux_stained_glass_does_not() {
    for title in [
        "Donauturm Tower Vienna Austria 3D Laser Crystal Souvenir Paperweight",
        "Royal Delft De Porceleyne Fles Plaque 1917-1946 Ship Relief",
        "Hummel \"Trumpet Boy\"",
        "Berta Hummel 1977 Limited Edition Christmas Plate",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    let s = screen("Hummel Playmates, Discontinued");
    assert_eq!(s.flags[0].basis, Basis::Hint);
    for title in [
        "Clear 18 Note Acrylic Box Musical Paperweight - Light My Fire",
        "Brass Paperweight Antique",
        "hummel Men's Football Jersey",
        "Mats Hummels game used 3 colour patch autograph card",
        "VTG 1960s70s Coca-Cola Faux Stained-Glass",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}");
        assert!(
            title.contains("card") || !s.non_compensable,
            "{title}: {:?}",
            s.flags
        );
    }
}

#[test]
fn vinyl_goods_golf_discs_disc_locks_and_mounting_tape_are_no_media_or_glass() {
    for title in [
        "Office Star DC Series Adjustable Drafting Chair with Foot Ring and Sculptured Foam Seat, Black Vinyl",
        "Set of 3 Pairs of Brightbells Vinyl Hex Hand Weights",
        "Turntable Mat Slipmat Cork Vinyl Record Improve Sound Quality",
        "Innova - Champion Discs DX Cobra Golf Disc (Colors may vary)",
        "Kryptonite New York Fahgettaboudit Chain 1415 & New York Disc Lock",
        "MEKO 2-in-1 Disc & Fiber Tips Universal Stylus Pencil",
        "Ultimate Guard Flip´N´Tray Mat Case XenoSkin Card Game, Purple",
        "Cactus Cutting Dies for DIY Scrapbooking Festival Greeting Cards",
        "Double Sided Mounting Tape for Wall Mount,Photo/Art/Glass Mounting",
    ] {
        let s = screen(title);
        assert!(!s.non_compensable && !s.fragile, "{title}: {:?}", s.flags);
    }
    assert!(screen("Miles Davis Kind of Blue Vinyl LP").non_compensable);
    assert!(screen("Hallmark Pop Up Valentines Day Card (Peanuts Gang)").non_compensable);
    assert!(screen("LANG \"Angel of Christmas\" Boxed Cards, 18 Cards").non_compensable);
}

#[test]
fn shampoo_mug_cake_vase_fillers_enamel_ware_and_planter_saucers_are_not_fragile() {
    for title in [
        "HASK Beauty WHITE WINE Shampoo and Conditioner",
        "Duncan Hines Mug Cakes Chocolate Chip Cookie Cake Mix",
        "Crushed Crystal Quartz, Vase Fillers Aquarium Gravel Rocks",
        "Outdoor Camping Style Pet Bowl - Enamel Ware Blue",
        "Plant Pots Set of 4 with Drainage Holes & Saucer. Plastic Flower Pots",
        "Invisible Glass Reach and Clean Tool Glass Cleaning Tool",
        "Watch Repair Magnifier Loupe 20X Glasses with LED Light",
        "Wedding Ribbon, Cake Ribbon, Vase Decorations, Party Supplies",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "Octagon Glass Crystal Knobs for Drawers",
        "Royal Albert Cup and Saucer",
        "Red Wine 750ml",
        "Glass Vase 10 inch",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
}

#[test]
fn perfume_shaped_cases_mirror_shades_lures_and_glass_like_films_are_ordinary() {
    for title in [
        "イング（INGNI） スマートフォンケース（香水型IPHONEケース）",
        "ミラーシェード ２個セット ABARTH アバルト サイド 鏡 車 カーボンブラック 雨避け",
        "限定カラー！ミラージュピンク！新品！ブルーブルー　ブローウィン125F",
        "カシオ電子辞書 専用 ガラスフィルムと同等の高硬度9H 液晶 保護フィルム",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    for title in [
        "ルアー まとめ ウッド ラパラ CD カウントダウン レッドフィン",
        "モニターライト デスクライト USB-Cケーブル付き ブルーレイ無し",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    assert!(screen("iPhone 15 強化ガラスフィルム 2枚").fragile);
    assert!(screen("香水 オードパルファム 50ml").fragile);
    assert!(screen("ベストアルバム CD 2枚組").non_compensable);
}

#[test]
fn model_art_and_a_magazines_supplement_are_paper() {
    let s = screen("モデルアート別冊 プラモデルテクニックガイド 3 初代の工作実践編");
    assert_eq!(s.class, ItemClass::PaperProduct);
    let s = screen("レヴスピード保存版・WRX STI 2017年モデル 徹底解説");
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].basis, Basis::Hint);
}

#[test]
fn lacquerware_is_no_ceramic_and_a_clay_figure_hints_at_it() {
    for title in [
        "吉野塗 漆器 小皿",
        "漆器・朱舟型縁角皿・奥田志郎",
        "輪島塗 黒内朱 八寸皿",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("有田焼 染付 小皿").fragile);
    let s = screen("メヘルガル土偶");
    assert!(s.fragile);
    assert_eq!(s.flags[0].basis, Basis::Hint);
}

#[test]
fn wafer_cards_and_card_collections_are_paper_and_a_mirror_print_tee_is_not_a_mirror() {
    for title in [
        "ゴーイングメリー号 プレミアムカードコレクション プロモ パラレル 4枚",
        "ワンピース ウエハース カード SR No8-23 麦わらの一味 空島",
    ] {
        assert_eq!(screen(title).class, ItemClass::PaperProduct, "{title}");
    }
    assert!(!screen("16SS MIRROR T-SHIRTS ダブルフェイスクルーネックニットセーター").fragile);
    assert!(screen("Antique Wall Mirror, gilt").fragile);
}

#[test]
fn disc_players_camcorders_shredders_and_empty_jewel_cases_are_no_media_but_software_in_one_is() {
    for title in [
        "sony 400-disc dvd/sa-cd/cd mega changer dvpcx995v",
        "canon dvd camcorder dc310",
        "sony weather shower cd clock radio icfcd73w",
        "aleratec inc cd dvd shredder",
        "Power Acoustik In-Dash DVD AM/FM Receiver with 7-Inch Monitor",
        "memorex color slim cd jewel cases - 50 pack",
        "western digital my book essential 2 tb usb 3.0 external hard drive",
        "canon black photo ink cartridge cli8b",
        "olloclip - 4-in-1 Photo Lens for iPhone 6",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    let s = screen("typing instructor deluxe ( jewel case )");
    assert_eq!(s.class, ItemClass::CdDvdBd);
}

#[test]
fn drill_bits_keyboards_and_phone_cases_are_not_what_their_words_name_and_nail_lacquer_is_glass() {
    for title in [
        "12Pcs Diamond Coated Drill Bits Set Hole Saw Kit for Glass Marble Tile Ceramic",
        "7Pcs Glass Drill Bit 3/4/5/6/8/10/12 Mm for Wood Metal",
        "razer lycosa mirror gaming keyboard - special edition",
        "Turquoise Charm for Purse, Handbag, Belt or Rear View Mirror",
        "Platinum - Holster Case with Kickstand for LG G4 - Metallic/Ceramic",
        "Modal - Photo Frame Hard Shell Case for iPhone 6 and 6s - Rouge",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("China Glaze Nail Lacquer").fragile);
    assert!(screen("Wooden Photo Frame 5x7").fragile);
}

#[test]
fn insulated_glass_dry_gin_and_american_comics_are_named_outright() {
    for title in [
        "BPA Free Insulated Glass Drinking Water Bottle Nylon Cover 16oz.",
        "JoyJolt Aroma Clear Glass Double Wall Insulated Glasses (Set Of 2)",
        "Marylebone Dry Gin",
    ] {
        assert!(screen(title).fragile, "{title}");
    }
    assert!(!screen("Stainless Steel Insulated Water Bottle 32oz").fragile);
    assert!(!screen("Dry Gin Cocktail Shaker Set").fragile);
    let s = screen("【中古】アメコミ 英語版)1)Boruto： Naruto Next Generations");
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert!(!screen("アメコミ フィギュア スパイダーマン").non_compensable);
}

#[test]
fn a_bud_vase_described_as_wood_is_no_ceramic() {
    let s = described(
        "八角胴 一輪挿し",
        "八角形の胴を持つ一輪挿し。欅・楢の風化した姿を活かし、鉄媒染でアンティーク調に仕上げた作品。 素材：欅・楢（鉄媒染仕上げ）",
    );
    assert!(!s.fragile);
    assert!(described("八角胴 一輪挿し", "素材：磁器 サイズ：高さ約20cm").fragile);
    assert!(screen("信楽焼 一輪挿し").fragile);
    assert!(!screen("真鍮 一輪挿し").fragile);
}

#[test]
fn welcome_signs_tin_signs_beeswax_perfume_and_a_perfume_print_case_are_ordinary() {
    for title in [
        "CUT-OUT PHOTO WELCOME SIGN",
        "US Vintage Retro Tin Sign door Wall Decor Metal Bar Pub Poster lot wholesale",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
    for title in [
        "Beeswax Natural Oil Perfume - Relax",
        "Perfume Stones case design for iPhone 13 Pro Max",
    ] {
        assert!(!screen(title).fragile, "{title}");
    }
    assert!(screen("DEMETER Thunderstorm Roll On Perfume Oil, 0.33 Oz").fragile);
    assert!(screen("Vintage Movie Poster 1970").non_compensable);
}

#[test]
fn a_book_format_in_the_title_reads_its_fragile_words_as_the_works_name() {
    // A novel's series or edition says the item is the book: its 「Mirror」 or 「Glass」 is in
    // the work's name.
    for title in [
        "The Mirror: The Lost Bride Trilogy, Book 2",
        "A Winter's Promise: Book One of the Mirror Visitor Quartet",
        "Throne of Glass (Paperback)",
        "ガラスの街 (文庫)",
    ] {
        let s = screen(title);
        assert!(!s.fragile, "{title}: {:?}", s.flags);
        assert!(s.non_compensable, "{title}: {:?}", s.flags);
    }
    // Without a book format, a frame and a glass item stay fragile.
    for title in ["Framed Art Print with Glass", "Glass Bookends Set of 2"] {
        assert!(screen(title).fragile, "{title}");
    }
}

#[test]
fn print_ending_a_short_latin_title_hints_at_an_art_print() {
    for title in [
        "The Sun Print",
        "Green Flowers and Combat Boots Print",
        "Bride Cordelia Fire Emblem Heroes 11x17\" Print",
    ] {
        let s = screen(title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Hint, "{title}");
        assert!(
            s.findings.iter().any(|f| f.term == "trailing_print"),
            "{title}: {:?}",
            s.findings
        );
    }
    // A pattern in a list of attributes, a print on goods, one word alone: no art print.
    for title in [
        "Women's Maine Isle Flip-Flops, Print",
        "Cotton Tote Bag Leopard Print",
        "Print",
        "Summer Maxi Dress Floral Print",
    ] {
        assert!(!screen(title).non_compensable, "{title}");
    }
}
