//! The policy's marketplace category rules: every path and code is real in the taxonomy of the
//! marketplace the rule names (Mercari Japan's when it names none), and the category outweighs
//! the title's words.
//!
//! The taxonomy is `shared/eval/mercari-jp-categories.json` beside the crate (`{tree, map}`; map
//! entries have `code`, `name`, `parentCode`). CI has `shared/` beside the clone; where it is
//! absent the taxonomy test says so and checks nothing else. The other marketplaces' extracts are
//! in `tests/data/taxonomies/` (their sources in its README).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use aftersales::policy::document::CategoryRule;
use aftersales::policy::vocabulary::{Basis, ItemClass, Marketplace};
use aftersales::screen::{Field, Listing, Screening};
use aftersales::{Checker, Locale, Policy};

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(Checker::shipped)
}

fn in_category(title: &str, path: &[&str]) -> Screening {
    let mut listing = Listing::titled("t", title);
    listing.category = path.iter().map(|s| (*s).to_owned()).collect();
    checker().screen(&listing, Locale::En).unwrap()
}

struct Node {
    name: String,
    parent: Option<String>,
}

fn taxonomy() -> Option<HashMap<String, Node>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("eval")
        .join("mercari-jp-categories.json");
    let text = std::fs::read_to_string(&path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).expect("the taxonomy is JSON");
    let map = json["map"].as_object().expect("the taxonomy has a map");
    Some(
        map.iter()
            .map(|(code, entry)| {
                let node = Node {
                    name: entry["name"].as_str().expect("a name").to_owned(),
                    parent: entry["parentCode"].as_str().map(str::to_owned),
                };
                (code.clone(), node)
            })
            .collect(),
    )
}

/// The root-first path of names to `code`.
fn path_of(map: &HashMap<String, Node>, code: &str) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = Some(code.to_owned());
    while let Some(code) = at {
        let node = &map[&code];
        path.push(node.name.clone());
        at = node.parent.clone();
    }
    path.reverse();
    path
}

#[test]
fn every_category_rule_names_a_real_path_and_codes_of_its_node_and_those_under_it() {
    let Some(map) = taxonomy() else {
        eprintln!(
            "skipped: ../shared/eval/mercari-jp-categories.json is absent, category paths not checked"
        );
        return;
    };
    let mut paths: HashMap<Vec<String>, &str> = HashMap::new();
    let mut children: HashMap<&str, Vec<&str>> = HashMap::new();
    for (code, node) in &map {
        paths.insert(path_of(&map, code), code);
        if let Some(parent) = &node.parent {
            children.entry(parent.as_str()).or_default().push(code);
        }
    }
    let policy = Policy::shipped();
    let rules: Vec<&CategoryRule> = policy
        .document()
        .screening
        .categories
        .iter()
        .filter(|r| r.marketplace.is_none())
        .collect();
    assert!(rules.len() > 50, "only {} category rules", rules.len());
    // Mercari gives a listing's leaf code, and its codes say nothing of the tree: a rule lists
    // its node's code, then the codes under it that no deeper rule takes, in ascending order
    // (`tests/data/taxonomies/mercari_codes.py --write` writes them).
    let nodes: Vec<&str> = rules
        .iter()
        .filter_map(|r| r.codes.first().map(String::as_str))
        .collect();
    for rule in rules {
        assert!(
            paths.contains_key(&rule.path),
            "rule `{}`: path {:?} is not in the taxonomy",
            rule.id,
            rule.path
        );
        let Some(node) = rule.codes.first() else {
            panic!("rule `{}` has no code", rule.id);
        };
        let entry = map
            .get(node)
            .unwrap_or_else(|| panic!("rule `{}`: code {node} is not in the taxonomy", rule.id));
        assert_eq!(
            Some(&entry.name),
            rule.path.last(),
            "rule `{}`: code {node} names `{}`, not the path's leaf",
            rule.id,
            entry.name
        );
        assert_eq!(
            path_of(&map, node),
            rule.path,
            "rule `{}`: code {node} sits elsewhere in the tree",
            rule.id
        );
        let mut under = Vec::new();
        let mut stack: Vec<&str> = children.get(node.as_str()).cloned().unwrap_or_default();
        while let Some(code) = stack.pop() {
            if nodes.contains(&code) {
                continue;
            }
            under.push(code.to_owned());
            stack.extend(children.get(code).cloned().unwrap_or_default());
        }
        under.sort_by_key(|c| c.parse::<u64>().unwrap());
        // A run of consecutive codes is written `lo-hi`.
        let listed: Vec<String> = rule
            .codes
            .get(1..)
            .unwrap_or_default()
            .iter()
            .flat_map(|c| match c.split_once('-') {
                Some((lo, hi)) => {
                    let (lo, hi): (u64, u64) = (lo.parse().unwrap(), hi.parse().unwrap());
                    (lo..=hi).map(|n| n.to_string()).collect()
                }
                None => vec![c.clone()],
            })
            .collect();
        assert_eq!(
            listed,
            under,
            "rule `{}`: the codes under {node} are stale; run tests/data/taxonomies/mercari_codes.py --write",
            rule.id
        );
    }
}

#[test]
fn a_leaf_code_alone_is_read_under_the_rule_of_its_ancestor() {
    // 696 is CD・DVD・ブルーレイ / CD / アニメ; 1321 is a trading-card supply, under its own rule.
    let coded = |code: &str, title: &str| {
        let mut listing = Listing::titled("t", title);
        listing.marketplace = Some(Marketplace::Mercari);
        listing.category_code = Some(code.to_owned());
        checker().screen(&listing, Locale::En).unwrap()
    };
    let s = coded("696", "secret base ～君がくれたもの～");
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert_eq!(s.flags[0].decided_by, Field::Category);
    assert!(!coded("1321", "スリーブ 2個").non_compensable);
    // Sleeves filed under trading cards' 「その他」 are supplies, not cards.
    assert!(!coded("741", "中古スリーブ×2個").non_compensable);
    assert!(coded("741", "プロモ P-001 本間芽衣子").non_compensable);
}

#[test]
fn a_manga_category_outweighs_glass_in_the_title() {
    let s = in_category(
        "ガラスの仮面 1-49巻 セット",
        &["本・雑誌・漫画", "漫画", "全巻セット", "少女漫画"],
    );
    assert!(!s.fragile);
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].decided_by, Field::Category);
    assert_eq!(s.flags[0].rule, "books_magazines_manga");
    // A book about glassware is still a book.
    let s = in_category(
        "北欧のガラス食器 図鑑",
        &["本・雑誌・漫画", "本", "アート・デザイン・音楽"],
    );
    assert!(!s.fragile, "{:?}", s.findings);
    assert!(s.findings.iter().all(|f| f.class != ItemClass::Fragile));
}

#[test]
fn a_sunglasses_category_outweighs_glass_in_the_title() {
    for path in [
        &["ファッション", "レディース", "小物", "サングラス"][..],
        &["ファッション", "メンズ", "小物", "サングラス"][..],
        &["ベビー・キッズ", "キッズファッション小物", "サングラス"][..],
    ] {
        let s = in_category("スポーツ グラス UVカット 偏光", path);
        assert!(!s.fragile, "{path:?}: {:?}", s.findings);
    }
    // Without the category, the same words are glass.
    assert!(
        checker()
            .screen(
                &Listing::titled("t", "スポーツ グラス UVカット 偏光"),
                Locale::En
            )
            .unwrap()
            .fragile
    );
}

/// A code matches the rules that name it; a leaf below a rule's node needs its path.
#[test]
fn a_category_code_alone_decides_like_its_path() {
    let mut listing = Listing::titled("t", "スポーツ グラス UVカット 偏光");
    listing.category_code = Some("255".to_owned()); // レディース > 小物 > サングラス
    assert!(!checker().screen(&listing, Locale::En).unwrap().fragile);

    let mut listing = Listing::titled("t", "ペルソナ5 ザ・ロイヤル");
    listing.category_code = Some("6989".to_owned()); // PS4 > ソフト(パッケージ版)
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert_eq!(s.flags[0].decided_by, Field::Category);
}

#[test]
fn a_category_names_the_class_a_title_never_says() {
    let s = in_category(
        "JILUKA/Metamorphose",
        &["CD・DVD・ブルーレイ", "CD", "邦楽"],
    );
    assert_eq!(s.class, ItemClass::CdDvdBd);
    let s = in_category(
        "突然変異 メタモルフォーゼ EE1",
        &[
            "ゲーム・おもちゃ・グッズ",
            "トレーディングカード",
            "遊戯王OCG デュエルモンスターズ",
        ],
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
    let s = in_category(
        "ロイヤルアルバート オールドカントリーローズ",
        &[
            "キッチン・日用品・その他",
            "キッチン・食器",
            "コーヒー・ティーカップ",
            "ティーカップ・ソーサー",
        ],
    );
    assert!(s.fragile);
}

#[test]
fn a_more_specific_rule_wins_over_its_parent() {
    // 食器 asserts fragile; 汁椀 below it is lacquered wood.
    let s = in_category(
        "汁椀 5客 黒",
        &["キッチン・日用品・その他", "キッチン・食器", "食器", "汁椀"],
    );
    assert!(!s.fragile);
    let s = in_category(
        "飯碗 5客",
        &["キッチン・日用品・その他", "キッチン・食器", "食器", "飯碗"],
    );
    assert!(s.fragile);
    // Disc game software is a disc; cartridge software is not, whatever the title says.
    let s = in_category(
        "ペルソナ5 ザ・ロイヤル",
        &[
            "ゲーム・おもちゃ・グッズ",
            "テレビゲーム",
            "プレイステーション4(PS4)",
            "ソフト(パッケージ版)",
        ],
    );
    assert_eq!(s.class, ItemClass::CdDvdBd);
    let s = in_category(
        "マリオカート8 デラックス 特典DVD付き",
        &[
            "ゲーム・おもちゃ・グッズ",
            "テレビゲーム",
            "Nintendo Switch",
            "ソフト(パッケージ版)",
        ],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_material_word_sets_a_tableware_category_aside() {
    let mugs = [
        "キッチン・日用品・その他",
        "キッチン・食器",
        "コーヒー・ティーカップ",
        "マグカップ",
    ];
    assert!(in_category("スヌーピー マグカップ ペア", &mugs).fragile);
    assert!(!in_category("サーモス 真空断熱マグ ステンレス 350ml", &mugs).fragile);
    assert!(!in_category("野田琺瑯 ホーロー マグ 白", &mugs).fragile);
}

#[test]
fn electronics_categories_rule_out_discs_and_paper() {
    let s = in_category(
        "SHARP AQUOS ブルーレイ 2B-C10EW1",
        &[
            "テレビ・オーディオ・カメラ",
            "テレビ・映像機器",
            "レコーダー",
            "ブルーレイレコーダー",
        ],
    );
    assert!(!s.non_compensable);
    let s = in_category(
        "SanDisk SDカード 128GB",
        &["スマホ・タブレット・パソコン", "メモリーカード", "SDカード"],
    );
    assert!(!s.non_compensable);
}

/// The ids (and, for `other`, the root-first paths) of one marketplace's taxonomy extract.
fn extract(marketplace: Marketplace) -> (Vec<String>, Vec<Vec<String>>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/taxonomies");
    let files: &[&str] = match marketplace {
        Marketplace::Rakuten => &["rakuten.json", "rakuten-ichiba-leaves.json"],
        Marketplace::Other => &["english-stores.json", "japanese-stores.json"],
        m => {
            let name = format!("{}.json", m.as_str());
            return extract_files(&dir, &[name.as_str()]);
        }
    };
    extract_files(&dir, files)
}

fn extract_files(dir: &std::path::Path, files: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let (mut ids, mut paths) = (Vec::new(), Vec::new());
    for file in files {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(json["source"].is_string(), "{file} names its source");
        for node in json["nodes"].as_array().unwrap() {
            if let Some(id) = node["id"].as_str() {
                // Rakuten Books' genre ids are stored as `books:001001`.
                ids.push(id.rsplit(':').next().unwrap_or(id).to_owned());
            }
            if let Some(path) = node["path"].as_array() {
                paths.push(
                    path.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect(),
                );
            }
        }
    }
    (ids, paths)
}

#[test]
fn every_other_marketplace_rule_names_codes_and_paths_of_its_own_taxonomy() {
    let policy = Policy::shipped();
    let mut checked = 0;
    for rule in &policy.document().screening.categories {
        let Some(marketplace) = rule.marketplace else {
            continue;
        };
        let (ids, paths) = extract(marketplace);
        for code in &rule.codes {
            // `001*` names genre 001 and everything under it.
            let id = code.strip_suffix('*').unwrap_or(code);
            assert!(
                ids.iter().any(|i| i == id),
                "rule `{}`: code {code} is not in the {marketplace} extract",
                rule.id
            );
        }
        if !rule.path.is_empty() {
            assert!(
                paths
                    .iter()
                    .any(|p| p.ends_with(&rule.path) || *p == rule.path),
                "rule `{}`: path {:?} is not in the {marketplace} extract",
                rule.id,
                rule.path
            );
        }
        checked += 1;
    }
    assert!(checked > 80, "only {checked} rules name a marketplace");
}

fn coded(marketplace: Marketplace, code: &str, title: &str) -> Screening {
    let mut listing = Listing::titled("t", title);
    listing.marketplace = Some(marketplace);
    listing.category_code = Some(code.to_owned());
    checker().screen(&listing, Locale::En).unwrap()
}

#[test]
fn a_rakuten_ichiba_root_genre_named_as_a_path_files_books_and_discs() {
    // Item search results carry the root genre's name when its id is not in the extract.
    let s = filed(Marketplace::Rakuten, &["本・雑誌・コミック"], "野火、奔る");
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    assert_eq!(s.flags[0].rule, "rakuten.books_path");
    let s = filed(
        Marketplace::Rakuten,
        &["CD・DVD"],
        "【中古】 blue・・・ (DVD付)",
    );
    assert_eq!(s.class, ItemClass::CdDvdBd, "{:?}", s.flags);
    // A book cover or a player filed there is neither.
    assert!(
        !filed(
            Marketplace::Rakuten,
            &["本・雑誌・コミック"],
            "ブックカバー 文庫 本革"
        )
        .non_compensable
    );
    assert!(
        !filed(
            Marketplace::Rakuten,
            &["CD・DVD"],
            "ポータブル CDプレーヤー"
        )
        .non_compensable
    );
}

#[test]
fn a_rakuten_books_genre_decides_by_its_longest_known_prefix() {
    // 001001 漫画（コミック） under 001 本: paper, whatever the title.
    let s = coded(Marketplace::Rakuten, "001001004", "ワンパンマン 21");
    assert!(s.non_compensable);
    assert_eq!(s.flags[0].rule, "rakuten.001001");
    // 001027 文具・雑貨, under 本 too, is no paper product.
    assert!(!coded(Marketplace::Rakuten, "001027001", "ブックカバー").non_compensable);
    // 002 CD.
    assert_eq!(
        coded(Marketplace::Rakuten, "002101", "Best Hits").class,
        ItemClass::CdDvdBd
    );
}

#[test]
fn a_cartridge_platform_category_outweighs_a_disc_word_in_the_title() {
    // Rakuten Books' Nintendo Switch genre: a 「ソフト」 for it is a cartridge.
    let s = coded(
        Marketplace::Rakuten,
        "006514",
        "ゼルダの伝説 PS4版もある DVD付き",
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn an_unscoped_marketplace_falls_back_to_mercari_paths() {
    // Rakuma has rules of its own, but files most listings under paths Mercari shares.
    let mut listing = Listing::titled("t", "ガラスの仮面 1-49巻 セット");
    listing.marketplace = Some(Marketplace::Rakuma);
    listing.category = ["本・雑誌・漫画", "漫画", "全巻セット", "少女漫画"]
        .map(str::to_owned)
        .to_vec();
    let s = checker().screen(&listing, Locale::En).unwrap();
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].rule, "books_magazines_manga");
}

fn in_other_store(title: &str, path: &[&str]) -> Screening {
    let mut listing = Listing::titled("t", title);
    listing.marketplace = Some(Marketplace::Other);
    listing.category = path.iter().map(|s| (*s).to_owned()).collect();
    checker().screen(&listing, Locale::En).unwrap()
}

#[test]
fn an_english_store_books_or_dvd_department_names_what_a_bare_title_does_not() {
    // Amazon.com's Books (283155) and DVD (130) departments, and craigslist's books section.
    let s = in_other_store("Pixote", &["DVD", "Genres", "Art House & International"]);
    assert_eq!(s.class, ItemClass::CdDvdBd);
    assert_eq!(s.flags[0].rule, "en.amazon_dvd");
    let s = in_other_store("Mensa Visual Brainteasers", &["Books", "Subjects", "Games"]);
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].rule, "en.amazon_books");
    let s = in_other_store(
        "Jeep Cherokee Factory Service Manual",
        &["for sale", "books & magazines - by owner"],
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
    // A neighbouring section says nothing of paper.
    let s = in_other_store(
        "Avington Low Bookshelf",
        &["for sale", "furniture - by owner"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

fn filed(marketplace: Marketplace, path: &[&str], title: &str) -> Screening {
    let mut listing = Listing::titled("t", title);
    listing.marketplace = Some(marketplace);
    listing.category = path.iter().map(|s| (*s).to_owned()).collect();
    checker().screen(&listing, Locale::En).unwrap()
}

#[test]
fn a_category_rule_yields_to_the_title_words_it_lists_not_to_the_sellers_description() {
    let card = |title: &str, description: &str| {
        let mut listing = Listing::titled("t", title);
        listing.marketplace = Some(Marketplace::Other);
        listing.category = vec!["Vintage & Collectibles".into(), "Trading Cards".into()];
        listing.description = Some(description.into());
        checker().screen(&listing, Locale::En).unwrap()
    };
    // "Sleeve" is card supplies, but the card is what is sold: put in a sleeve after the pack.
    let s = card(
        "Shaymin ex",
        "100% legit and in perfect condition fresh from pack to sleeve.",
    );
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    // Said in the title, it is what is sold.
    let s = card("Ultra Pro card sleeves, 100 count", "Brand new.");
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_surugaya_platform_label_tells_a_disc_game_from_a_cartridge() {
    let wii = filed(
        Marketplace::Surugaya,
        &["Wiiソフト"],
        "マリオカートWii(Wiiハンドル同梱)",
    );
    assert_eq!(wii.class, ItemClass::CdDvdBd, "{:?}", wii.flags);
    // Written with a half-width space where the label has a full-width one.
    let bd = filed(Marketplace::Surugaya, &["アニメBlu-ray Disc"], "もののけ姫");
    assert_eq!(bd.class, ItemClass::CdDvdBd, "{:?}", bd.flags);
    for (label, title) in [
        ("ニンテンドースイッチソフト", "マリオカート8 デラックス"),
        ("ニンテンドーDSソフト", "マリオカートDS 攻略DVD付き"),
        (
            "ニンテンドースイッチハード",
            "マリオカート レーシングホイール",
        ),
    ] {
        let s = filed(Marketplace::Surugaya, &[label], title);
        assert!(!s.non_compensable, "{label} {title}: {:?}", s.flags);
    }
}

#[test]
fn a_used_book_shops_category_makes_a_dress_pattern_book_paper() {
    let s = filed(
        Marketplace::Other,
        &["古本・中古本", "単行本"],
        "リネンのワンピース",
    );
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    let card = filed(
        Marketplace::Other,
        &[
            "ChaosTCG",
            "シングルカード販売",
            "冴えない彼女の育てかた 1.00",
            "RRR",
        ],
        "リトルラブ・ラプソディ",
    );
    assert!(card.non_compensable, "{:?}", card.flags);
    // 遊々亭's own path for the Vanguard singles it sells.
    let card = filed(
        Marketplace::Other,
        &["sell", "vg", "card"],
        "オーロラスター コーラル(マーメイド文字版)",
    );
    assert_eq!(card.class, ItemClass::PaperProduct, "{:?}", card.flags);
    assert!(
        !filed(
            Marketplace::Other,
            &["sell", "vg", "card"],
            "カードスリーブ 60枚"
        )
        .non_compensable
    );
    // カメラのキタムラ's frame list: a frame series named by its maker and line alone.
    let frame = filed(
        Marketplace::Other,
        &["写真額縁・フォトフレーム"],
        "ケンコー アタンド",
    );
    assert!(
        frame.fragile && frame.flags[0].basis == Basis::Category,
        "{:?}",
        frame.flags
    );
    assert!(
        !filed(
            Marketplace::Other,
            &["写真額縁・フォトフレーム"],
            "デジタルフォトフレーム 10インチ"
        )
        .fragile
    );
}

#[test]
fn a_shops_prints_paperback_or_ceramics_collection_names_what_a_bare_title_does_not() {
    let s = in_other_store("Sign Language 'I Love You' Print", &["Prints"]);
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    assert_eq!(
        in_other_store("Tear the World Apart", &["paperback"]).class,
        ItemClass::PaperProduct
    );
    let s = in_other_store("Nested Set of Eggshell Bowls", &["Ceramics"]);
    assert!(
        s.fragile && s.flags[0].basis == Basis::Category,
        "{:?}",
        s.flags
    );
    // A print sold as a file, or printed on a mug or a shirt, is no paper print; an enamel
    // mug on a ceramics shelf is steel.
    assert!(
        !in_other_store("Dust Bunnies, INSTANT DOWNLOAD, printable", &["Prints"]).non_compensable
    );
    assert!(!in_other_store("Moana print T-shirt", &["Prints"]).non_compensable);
    assert!(!in_other_store("Enamel camp mug", &["Ceramics"]).fragile);
}

#[test]
fn a_doujin_shops_category_makes_a_doujinshi_paper() {
    for path in [&["同人誌", "オリジナル"][..], &["成年同人誌"][..]] {
        let s = filed(Marketplace::Other, path, "THE MISAWA SHOW");
        assert_eq!(s.class, ItemClass::PaperProduct, "{path:?}: {:?}", s.flags);
    }
}

#[test]
fn an_etsy_print_card_or_book_category_names_paper_unless_the_listing_is_a_file_or_another_material(
) {
    let s = in_other_store(
        "Old Sweet Song (Georgia) 5x7",
        &["Art & Collectibles", "Painting", "Watercolor"],
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert_eq!(s.flags[0].rule, "en.etsy_watercolour_paintings");
    let s = in_other_store(
        "Scientific American 1899 Cruiser",
        &[
            "Books, Movies & Music",
            "Books",
            "Zines & Magazines",
            "Magazines",
        ],
    );
    assert_eq!(s.flags[0].rule, "en.etsy_books");
    let s = in_other_store(
        "Girl Seeing Hearts",
        &[
            "Paper & Party Supplies",
            "Paper",
            "Greeting Cards",
            "Love Cards",
        ],
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
    let s = in_other_store("Darth Vader Panel", &["Art & Collectibles", "Glass Art"]);
    assert!(s.fragile, "{:?}", s.flags);
    // A file sold for download, or a print on metal, is no paper for all its category.
    for (title, path) in [
        (
            "Moon Chart Digital Download, 5 Sizes",
            &["Art & Collectibles", "Prints", "Digital Prints"][..],
        ),
        (
            "Crying Mech (Brushed Aluminum Print)",
            &["Art & Collectibles", "Prints"][..],
        ),
        (
            "Printable Birthday Invitation, Editable Template",
            &[
                "Paper & Party Supplies",
                "Paper",
                "Invitations & Announcements",
            ][..],
        ),
    ] {
        let s = in_other_store(title, path);
        assert!(!s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_mercari_us_or_cex_department_names_books_discs_cards_and_perfume_a_bare_title_does_not() {
    let s = in_other_store(
        "Snorlax",
        &["Vintage & Collectibles", "Trading Cards", "Animation"],
    );
    assert_eq!(s.flags[0].rule, "en.mercari_us_trading_cards");
    let s = in_other_store("UFC", &["Electronics", "Media", "DVD"]);
    assert_eq!(s.class, ItemClass::CdDvdBd);
    let s = in_other_store("Winnie-the-Pooh", &["Other", "Books", "Children's Books"]);
    assert_eq!(s.class, ItemClass::PaperProduct);
    let s = in_other_store(
        "Versace Bright Crystal Sample",
        &["Beauty", "Fragrance", "Women"],
    );
    assert!(s.fragile, "{:?}", s.flags);
    let s = in_other_store(
        "Spider-Man: Miles Morales",
        &["Gaming", "Playstation4 Software"],
    );
    assert_eq!(s.class, ItemClass::CdDvdBd);
    // A console's department outweighs its disc-sounding name; a body mist is no glass bottle.
    let s = in_other_store(
        "Xbox One",
        &["Electronics", "Video Games & Consoles", "Consoles"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = in_other_store(
        "Pure Seduction Body Mist 250ml",
        &["Beauty", "Fragrance", "Women"],
    );
    assert!(!s.fragile, "{:?}", s.flags);
}

#[test]
fn a_mercari_us_clothing_makeup_or_action_figure_department_flags_nothing_its_title_names() {
    for (title, path) in [
        (
            "Victoria Secret Bottle Opener Glasses",
            &["Women", "Women's Accessories", "Sunglasses"][..],
        ),
        (
            "Too Faced Little Black Book of Bronzers",
            &["Beauty", "Makeup", "Face"][..],
        ),
        (
            "Poison Ivy Porcelain-Look Figure",
            &["Vintage & Collectibles", "Toy", "Action Figure"][..],
        ),
        (
            "Glass-Safe Bubble Mailers, 50 Pack",
            &["Other", "Office supplies", "Shipping Supplies"][..],
        ),
    ] {
        let s = in_other_store(title, path);
        assert!(!s.fragile && !s.non_compensable, "{title}: {:?}", s.flags);
    }
}

#[test]
fn an_amazon_jp_books_or_dvd_bestseller_list_names_what_a_bare_title_does_not() {
    let s = filed(Marketplace::AmazonJp, &["books"], "速読英熟語");
    assert_eq!(s.flags[0].rule, "ja.amazon_books_bestsellers");
    let s = filed(
        Marketplace::AmazonJp,
        &["dvd"],
        "『ウマ箱2』第4コーナー トレーナーズBOX) [Blu-",
    );
    assert_eq!(s.class, ItemClass::CdDvdBd);
    // A Kindle edition in the books list ships no paper.
    let s = filed(Marketplace::AmazonJp, &["books"], "速読英熟語 Kindle版");
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_bookmark_filed_under_etsy_books_is_no_book() {
    let s = in_other_store(
        "Guitar Bookmark - Custom Beaded Bookmark",
        &[
            "Books, Movies & Music",
            "Books",
            "Book Accessories",
            "Bookmarks",
        ],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_book_or_disc_department_rules_out_the_glass_a_title_names() {
    for (title, path) in [
        (
            "Glass & Crank By Ellen Hopkins",
            &["Other", "Books", "Literature & Fiction"][..],
        ),
        (
            "Glass Animals - Dreamland",
            &["Electronics", "Media", "CD"][..],
        ),
    ] {
        let s = in_other_store(title, path);
        assert!(s.non_compensable && !s.fragile, "{title}: {:?}", s.flags);
    }
    let s = filed(Marketplace::AmazonJp, &["books"], "ガラスの仮面 49");
    assert!(s.non_compensable && !s.fragile, "{:?}", s.flags);
}

#[test]
fn an_ebay_books_or_dvd_category_names_what_a_bare_title_does_not() {
    let s = in_other_store("The Hobbit , J.R.R. Tolkien", &["Fiction & Literature"]);
    assert_eq!(s.flags[0].rule, "en.ebay_fiction_literature");
    let s = in_other_store(
        "HARRY POTTER AND THE ORDER OF THE PHOENIX HD DVD COMBO/USED",
        &["DVD, HD DVD & Blu-ray"],
    );
    assert_eq!(s.class, ItemClass::CdDvdBd);
    let s = in_other_store("SanDisk 2GB SD Card", &["Memory Cards"]);
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_walmart_music_or_fragrance_department_names_what_a_bare_title_does_not() {
    let s = in_other_store(
        "Eleven Doors Open",
        &["Music", "World Music & Reggae", "All World & Reggae Music"],
    );
    assert_eq!(s.flags[0].rule, "en.walmart_music");
    assert_eq!(s.class, ItemClass::CdDvdBd);
    // The department holds records too: a listing that says so is not read as a disc.
    let s = in_other_store(
        "Eleven Doors Open (Vinyl LP)",
        &["Music", "World Music & Reggae", "All World & Reggae Music"],
    );
    assert_ne!(
        s.flags.first().map(|f| f.rule.as_str()),
        Some("en.walmart_music")
    );
    let s = in_other_store(
        "Eau Des Jardins Treatment Fragrance 100ml",
        &["Beauty", "Fragrances", "All Fragrances"],
    );
    assert!(s.fragile, "{:?}", s.flags);
    let s = in_other_store("Sweet Pea Body Mist 8 oz", &["Perfumes & Fragrances"]);
    assert!(!s.fragile, "{:?}", s.flags);
}

#[test]
fn a_nail_or_makeup_tool_department_leaves_the_glass_its_title_names() {
    // Mercari US's `Beauty/Makeup` rules glass out; Walmart files nail polish and mirrors deeper.
    let s = in_other_store(
        "China Glaze Nail Polish, Heli-Yum, 0.5 Oz",
        &["Beauty", "Makeup", "Nails"],
    );
    assert!(s.fragile, "{:?}", s.flags);
    let s = in_other_store(
        "Lighted Makeup Mirror",
        &["Beauty", "Makeup", "Tools & Accessories"],
    );
    assert!(s.fragile, "{:?}", s.flags);
    let s = in_other_store("Matte Lipstick, Wine", &["Beauty", "Makeup"]);
    assert!(!s.fragile, "{:?}", s.flags);
}

#[test]
fn eyeglass_reader_camera_and_computer_departments_rule_out_what_their_titles_name() {
    let s = in_other_store(
        "JUICY COUTURE Eyeglasses 917 Crystal Frame 47MM",
        &["Health", "Vision Centers", "Frames"],
    );
    assert!(!s.fragile, "{:?}", s.flags);
    let s = in_other_store(
        "Kindle Paperwhite (8 GB) – 6.8\" display, thousands of books",
        &["eBook Readers & Accessories"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = in_other_store("Mini Projector Built in DVD Player", &["Video Projectors"]);
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = in_other_store(
        "Laptop with DVD drive and photo editing software",
        &["Computers & Tablets"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = in_other_store("Document, Photo & Receipt Scanner", &["Office Electronics"]);
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = in_other_store(
        "Mirrorless Digital Camera with photo book",
        &["Electronics", "Cameras & Camcorders", "All Cameras"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_baby_stationery_department_is_paper_but_not_its_signs() {
    let s = in_other_store(
        "Woodland Animals Baby Shower Set of 25",
        &["Baby Stationery"],
    );
    assert_eq!(s.flags[0].rule, "en.amazon_baby_stationery");
    let s = in_other_store("Hello Baby Welcome Sign", &["Baby Stationery"]);
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_sephora_fragrance_hair_or_makeup_category_decides_what_a_scent_named_book_is() {
    // Commodity names its scents "Book": under Fragrance they are perfume, not paper.
    let s = in_other_store("Book+ Bold", &["Fragrance"]);
    assert!(s.fragile && !s.non_compensable, "{:?}", s.flags);
    assert!(!in_other_store("Vanilla Body Mist", &["Fragrance"]).fragile);
    assert!(!in_other_store("Liquid Glass Smoothing Shampoo", &["Hair"]).fragile);
    assert!(!in_other_store("Glassy Lip Gloss, Crystal", &["Makeup"]).fragile);
}

#[test]
fn an_amazon_india_book_department_names_a_book_whatever_glass_its_title_names() {
    let s = in_other_store(
        "Charlie and the Great Glass Elevator",
        &["Children's Books", "Fantasy"],
    );
    assert!(s.non_compensable && !s.fragile, "{:?}", s.flags);
    let s = in_other_store(
        "Coffee Can Investing: The Low-Risk Road",
        &["Business & Economics", "Analysis & Strategy"],
    );
    assert_eq!(s.class, ItemClass::PaperProduct);
    assert!(
        !in_other_store(
            "Coffee Can Investing (Kindle Edition)",
            &["Business & Economics"]
        )
        .non_compensable
    );
}

#[test]
fn an_amazon_jp_ranking_root_files_music_books_toys_and_stationery() {
    let s = filed(
        Marketplace::AmazonJp,
        &["ミュージック"],
        "ガラスを割れ! (Type-D)(DVD付)",
    );
    assert!(s.non_compensable && !s.fragile, "{:?}", s.flags);
    assert_eq!(s.flags[0].rule, "amazon_jp.music_ranking");
    let s = filed(Marketplace::AmazonJp, &["本"], "細雪");
    assert_eq!(s.class, ItemClass::PaperProduct);
    // Toys are not glass unless they say so; a stationery rack holds discs, it is none.
    assert!(
        !filed(
            Marketplace::AmazonJp,
            &["おもちゃ"],
            "くるくるお皿でポン! 回転ずし"
        )
        .fragile
    );
    assert!(
        filed(
            Marketplace::AmazonJp,
            &["おもちゃ"],
            "ガラス製 スノードーム"
        )
        .fragile
    );
    // A frame for a finished jigsaw is a frame, whatever the toy shelf.
    assert!(
        filed(
            Marketplace::AmazonJp,
            &["おもちゃ"],
            "ソフケン アルミ額縁 ジグソーパズル1000ピース"
        )
        .fragile
    );
    let s = filed(
        Marketplace::AmazonJp,
        &["文房具・オフィス用品"],
        "ブックスタンド CD/辞書",
    );
    assert!(
        !s.flags.iter().any(|f| f.class == ItemClass::CdDvdBd),
        "{:?}",
        s.flags
    );
}

#[test]
fn an_amazon_jp_api_items_product_group_files_books_and_cds_and_sets_e_books_aside() {
    let s = filed(
        Marketplace::AmazonJp,
        &["Book", "大型本"],
        "プログラミングElixir",
    );
    assert_eq!(s.class, ItemClass::PaperProduct, "{:?}", s.flags);
    assert_eq!(s.flags[0].rule, "amazon_jp.paapi_book");
    let s = filed(Marketplace::AmazonJp, &["Music", "CD"], "Secret Story");
    assert_eq!(s.class, ItemClass::CdDvdBd, "{:?}", s.flags);
    assert_eq!(s.flags[0].rule, "amazon_jp.paapi_music_cd");
    // An e-book is a file, whatever its title says; a record is no CD.
    assert!(!filed(Marketplace::AmazonJp, &["eBooks", "Kindle版"], "Go言語の本").non_compensable);
    assert!(
        !filed(
            Marketplace::AmazonJp,
            &["Music", "LP Record"],
            "Secret Story"
        )
        .non_compensable
    );
}

#[test]
fn a_book_listings_format_files_it_and_an_e_book_or_audiobook_is_no_paper() {
    for (format, title) in [
        ("Hardcover", "Carmilla and Laura"),
        ("Board book", "Barnyard Dance! (Boynton on Board)"),
        (
            "Library Binding",
            "Carbon Dating (Great Discoveries in Science)",
        ),
    ] {
        let s = filed(Marketplace::Other, &[format], title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
    }
    for format in ["Kindle", "Kindle Edition", "Audible Audiobook"] {
        let s = filed(
            Marketplace::Other,
            &[format],
            "Mind Games (Kaely Quinn Profiler Book #1)",
        );
        assert!(!s.non_compensable, "{format}: {:?}", s.flags);
    }
    let s = filed(
        Marketplace::Other,
        &["Audio CD"],
        "The Girl in the Glass Box: A Novel",
    );
    assert_eq!(s.class, ItemClass::CdDvdBd, "{:?}", s.flags);
}

#[test]
fn disc_storage_and_players_filed_as_such_hold_no_disc() {
    for (category, title) in [
        (
            "disc storage wallets",
            "case logic nylon cdw208-disc wallet holds 224cd dvd",
        ),
        (
            "media storage organization",
            "atlantic summit 261 cd 114 dvd 132 bluray games",
        ),
        (
            "portable dvd players",
            "toshiba sdp74s 7-inch portable dvd player",
        ),
    ] {
        assert!(
            !filed(Marketplace::Other, &[category], title).non_compensable,
            "{title}"
        );
    }
    let s = filed(Marketplace::Other, &["Playstation3 Games"], "Motorstorm");
    assert_eq!(s.class, ItemClass::CdDvdBd, "{:?}", s.flags);
}

#[test]
fn a_used_game_shops_platform_says_disc_or_cartridge() {
    for platform in ["Wii", "Wii U", "ゲームキューブ"] {
        let s = filed(Marketplace::Other, &[platform], "オプーナ");
        assert_eq!(s.class, ItemClass::CdDvdBd, "{platform}: {:?}", s.flags);
    }
    // A Wii console filed there is hardware; a cartridge platform rules a disc out.
    assert!(!filed(Marketplace::Other, &["Wii"], "Wii 本体 シロ").non_compensable);
    for platform in [
        "Nintendo Switch",
        "ニンテンドー3DS",
        "ゲームボーイアドバンス",
    ] {
        let s = filed(
            Marketplace::Other,
            &[platform],
            "ディスク・ウォーズ:アベンジャーズ",
        );
        assert!(!s.non_compensable, "{platform}: {:?}", s.flags);
    }
}

#[test]
fn a_card_shops_game_section_files_cards_and_its_supplies_section_does_not() {
    for (path, title) in [
        (&["ポケカ", "プロモ"][..], "ピカチュウ(208/S-P)"),
        (&["遊戯王", "PSE"][..], "閃刀姫ゼロ(DUAD-JP049)"),
        (
            &["ポケモンカードゲーム", "構築デッキ"][..],
            "スタートデッキ100 バトルコレクション",
        ),
    ] {
        let s = filed(Marketplace::Other, path, title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
    }
    let s = filed(
        Marketplace::Other,
        &["遊戯王", "サプライ"],
        "オベリスクの巨神兵プレイマット",
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
    let s = filed(Marketplace::Other, &["遊戯王"], "カードスリーブ 100枚");
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn an_amazon_jp_best_seller_lists_name_files_books_and_discs_titled_by_name_alone() {
    for (path, title, rule) in [
        (
            "本（総合）",
            "イン・ザ・メガチャーチ",
            "amazon_jp.books_all_list",
        ),
        (
            "コンピュータ・IT",
            "Microsoft 365 Copilot踏み込み活用術（できるビジネス）",
            "amazon_jp.books_computing_list",
        ),
        ("コミック", "薬屋のひとりごと 14", "amazon_jp.comics_list"),
        (
            "雑誌",
            "最強ジャンプ 2026年5月号【アクセスコード付き】",
            "amazon_jp.magazines_list",
        ),
        (
            "写真集",
            "乃木坂46 5期生 写真集",
            "amazon_jp.photo_books_list",
        ),
    ] {
        let s = filed(Marketplace::AmazonJp, &[path], title);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert!(
            s.flags.iter().any(|f| f.rule == rule),
            "{title}: {:?}",
            s.flags
        );
    }
    let s = filed(
        Marketplace::AmazonJp,
        &["DVD・ブルーレイ"],
        "Die Schöne & das Biest - Special Edition [Verleihversion]",
    );
    assert_eq!(s.class, ItemClass::CdDvdBd, "{:?}", s.flags);
    // A book list's e-book is a file, not paper.
    assert!(!filed(Marketplace::AmazonJp, &["本（総合）"], "北極星 Kindle版").non_compensable);
}

#[test]
fn an_amazon_com_book_category_names_a_book_whose_title_names_glass() {
    for (title, path) in [
        ("The Glass Menagerie", "Literature & Fiction"),
        ("Room Full of Mirrors: A Biography", "Biographies & Memoirs"),
        (
            "Fourteen Families in Pueblo Pottery",
            "Crafts, Hobbies & Home",
        ),
    ] {
        let s = in_other_store(title, &[path]);
        assert!(s.non_compensable && !s.fragile, "{title}: {:?}", s.flags);
    }
}

#[test]
fn a_bigbasket_glassware_item_is_glass_unless_it_says_silicone() {
    let glassware = ["Kitchen, Garden & Pets", "Crockery & Cutlery", "Glassware"];
    assert!(in_other_store("Hareli Kitchen Jar", &glassware).fragile);
    let s = in_other_store("Silicone Stretch Lids - Set of 6", &glassware);
    assert!(!s.fragile, "{:?}", s.flags);
}

#[test]
fn an_amazon_baby_toy_or_plush_is_no_glass_and_no_book() {
    let s = in_other_store(
        "Infantino Turtle Mirror Pal",
        &["Toys & Games", "Baby & Toddler Toys"],
    );
    assert!(!s.fragile, "{:?}", s.flags);
    let s = in_other_store(
        "Happy Birthday Story Book Plush",
        &["Toys & Games", "Stuffed Animals & Plush Toys"],
    );
    assert!(!s.non_compensable, "{:?}", s.flags);
}

#[test]
fn a_bookoff_genre_names_a_book_a_disc_or_a_cartridge() {
    for (title, path) in [("陶芸のための科学", "書籍"), ("聖なる鏡", "書籍")] {
        let s = in_other_store(title, &[path]);
        assert!(s.non_compensable && !s.fragile, "{title}: {:?}", s.flags);
        assert_eq!(s.class, ItemClass::PaperProduct);
    }
    for (title, path) in [
        ("硝子の景色", "Ｊ‐ポップ"),
        ("凍える鏡", "邦画"),
        ("心霊写真奇譚", "プレイステーション"),
        ("黄金の器 銀の器", "アニメ／ゲーム"),
        ("Dance Mirror Ball", "ブラック／ダンス"),
        ("おかあさんといっしょ うたのアルバム", "キッズ・ファミリー"),
    ] {
        let s = in_other_store(title, &[path]);
        assert_eq!(s.class, ItemClass::CdDvdBd, "{title}: {:?}", s.flags);
    }
    let s = in_other_store("ポケットモンスター 金 CD付き攻略", &["ゲームボーイ"]);
    assert!(
        !s.flags.iter().any(|f| f.class == ItemClass::CdDvdBd),
        "{:?}",
        s.flags
    );
    // A photo book sold as a download is none.
    assert!(!in_other_store("夜想ノスタルジヰ倶楽部【電子版】", &["写真集"]).non_compensable);
}

#[test]
fn ebay_trading_card_singles_and_single_volumes_are_paper_whatever_the_title() {
    for (title, path) in [
        (
            "1989-90 Fleer Basketball Set Card # 100 Patrick Ewing New York Knicks",
            &["Trading Card Singles"][..],
        ),
        (
            "1991-92 Wild Card Basketball Set Card # 82 Adrian Caldwell",
            &[
                "Sports Mem, Cards & Fan Shop",
                "Sports Trading Cards",
                "Trading Card Singles",
            ][..],
        ),
        ("Gantz Volume 1, 6, 8", &["Single Volumes"][..]),
    ] {
        let s = in_other_store(title, path);
        assert_eq!(s.class, ItemClass::PaperProduct, "{title}: {:?}", s.flags);
        assert_eq!(s.flags[0].basis, Basis::Category);
    }
}
