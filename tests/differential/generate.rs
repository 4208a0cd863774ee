//! The seeded generator of differential cases: claims, listings and batches as JSON text, with
//! the edges that break ports — window boundaries to the millisecond, odd UTC offsets, every
//! enum value, Unicode titles (half-width kana, astral chars, invisible chars, Cyrillic), and
//! inputs that must be refused (wrong types, unknown values, missing fields, sizes over the
//! limits). The same seed always gives the same cases, byte for byte.

use aftersales::limits;
use aftersales::policy::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass,
};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, SecondsFormat, TimeZone};

/// SplitMix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// A JSON value that keeps its keys in the order they were written, as a page's object does.
#[derive(Debug, Clone)]
pub enum J {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// Text written as it is (nesting too deep to build as values).
    Raw(String),
}

impl J {
    pub fn s(text: &str) -> J {
        J::Str(text.to_owned())
    }

    /// Compact JSON text, as `JSON.stringify` writes it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => out.push_str(&n.to_string()),
            J::Raw(text) => out.push_str(text),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(key).unwrap());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    fn set(&mut self, key: &str, value: J) {
        if let J::Obj(fields) = self {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = value,
                None => fields.push((key.to_owned(), value)),
            }
        }
    }

    fn remove(&mut self, key: &str) {
        if let J::Obj(fields) = self {
            fields.retain(|(k, _)| k != key);
        }
    }
}

/// One call to make on both sides.
pub enum Call {
    /// `judge(claim, now_ms, locale)`.
    Judge { claim: J, now_ms: i64 },
    /// `screen(listing, locale)`.
    Screen { listing: J },
    /// `screenBatch(listings, locale)`.
    Batch { listings: Vec<J> },
}

pub struct Case {
    pub call: Call,
    /// The page's `lang`, or none (the module's default).
    pub locale: Option<String>,
}

const LOCALES: &[Option<&str>] = &[
    None,
    Some("en"),
    Some("ja"),
    Some("ja-JP"),
    Some("ru"),
    Some("ru-RU"),
    Some("zh-CN"),
    Some("zh-Hant-TW"),
    Some("zh_CN"),
    Some("fr"),
    Some("EN-gb"),
    Some(""),
];

/// Offsets in seconds east: common, half-hour, quarter-hour and the legal extremes.
const OFFSETS: &[i32] = &[
    9 * 3600,
    0,
    8 * 3600,
    -5 * 3600,
    -8 * 3600,
    3 * 3600,
    14 * 3600,
    -12 * 3600,
    5 * 3600 + 45 * 60,
    -(9 * 3600 + 30 * 60),
    5 * 3600 + 30 * 60,
    -(3 * 3600 + 30 * 60),
];

/// Signing days around month, leap-day, year and policy-date edges.
const DAYS: &[(i32, u32, u32)] = &[
    (2024, 3, 1),
    (2024, 2, 24),
    (2024, 2, 28),
    (2024, 2, 29),
    (2023, 2, 25),
    (2023, 12, 27),
    (2023, 12, 31),
    (2023, 1, 1),
    (2022, 12, 31),
    (2024, 10, 30),
    (2025, 6, 15),
    (2038, 1, 17),
];

fn instant(rng: &mut Rng) -> DateTime<FixedOffset> {
    let (y, m, d) = rng.pick(DAYS);
    let offset = FixedOffset::east_opt(rng.pick(OFFSETS)).unwrap();
    let secs = match rng.below(4) {
        0 => 0,
        1 => 86_399,
        _ => rng.below(86_400) as i64,
    };
    let ms = if rng.chance(30) {
        rng.below(1000) as i64
    } else {
        0
    };
    let day = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let local =
        day.and_hms_opt(0, 0, 0).unwrap() + Duration::seconds(secs) + Duration::milliseconds(ms);
    offset.from_local_datetime(&local).single().unwrap()
}

/// The end of the 5th calendar day after signing in the signing offset (the shipped policy).
fn deadline(signed: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let next = signed.date_naive() + Duration::days(6);
    signed
        .offset()
        .from_local_datetime(&next.and_hms_opt(0, 0, 0).unwrap())
        .single()
        .unwrap()
        - Duration::milliseconds(1)
}

/// An instant after `from`: on the deadline to the millisecond, just after it, or anywhere in
/// the next eight days, in some offset.
fn after(
    rng: &mut Rng,
    from: DateTime<FixedOffset>,
    deadline: DateTime<FixedOffset>,
) -> DateTime<FixedOffset> {
    let t = match rng.below(6) {
        0 => deadline,
        1 => deadline + Duration::milliseconds(1),
        2 => from,
        _ => from + Duration::milliseconds(rng.below(8 * 86_400_000) as i64),
    };
    let t = if t < from { from } else { t };
    let offset = if rng.chance(50) {
        *from.offset()
    } else {
        FixedOffset::east_opt(rng.pick(OFFSETS)).unwrap()
    };
    t.with_timezone(&offset)
}

fn rfc3339(rng: &mut Rng, t: DateTime<FixedOffset>) -> String {
    match rng.below(5) {
        0 => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        1 => t.to_rfc3339_opts(SecondsFormat::Millis, false),
        2 => t.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        3 => t.to_rfc3339_opts(SecondsFormat::Micros, false),
        _ => t.to_rfc3339_opts(SecondsFormat::Secs, false),
    }
}

const ORDER_IDS: &[&str] = &[
    "A-1",
    "DZ20240301-0001",
    "注文-№42",
    "заказ 7",
    "订单🚚1",
    "quote\"and\\backslash",
    "tab\tnew\nline\u{1}",
    "line\u{2028}sep",
    "  padded  ",
];

fn order_id(rng: &mut Rng, n: usize) -> String {
    if rng.chance(60) {
        format!("D-{n:05}")
    } else {
        rng.pick(ORDER_IDS).to_owned()
    }
}

fn wire<T: serde::Serialize>(value: T) -> J {
    J::Str(
        serde_json::to_value(value)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned(),
    )
}

fn item(rng: &mut Rng, i: usize) -> J {
    let mut fields = vec![
        (
            "id".to_owned(),
            J::Str(if rng.chance(90) {
                format!("{}", i + 1)
            } else {
                "商品①".to_owned()
            }),
        ),
        ("class".to_owned(), wire(rng.pick(ItemClass::ALL))),
        ("condition".to_owned(), wire(rng.pick(Condition::ALL))),
    ];
    if rng.chance(60) {
        fields.push(("damage".to_owned(), wire(rng.pick(DamageScope::ALL))));
    }
    J::Obj(fields)
}

/// A well-formed claim and its `now`.
fn claim(rng: &mut Rng, n: usize) -> (J, i64) {
    let signed = instant(rng);
    let end = deadline(signed);
    let reported = after(rng, signed, end);
    let now = after(rng, reported, end);
    let mut fields = vec![("order_id".to_owned(), J::Str(order_id(rng, n)))];
    if rng.chance(20) {
        let ordered = signed - Duration::hours(rng.below(24 * 60) as i64);
        fields.push(("ordered_at".to_owned(), J::Str(rfc3339(rng, ordered))));
    }
    fields.push(("signed_at".to_owned(), J::Str(rfc3339(rng, signed))));
    if rng.chance(80) {
        fields.push(("reported_at".to_owned(), J::Str(rfc3339(rng, reported))));
    }
    fields.push(("incident".to_owned(), wire(rng.pick(Incident::ALL))));
    fields.push(("cause".to_owned(), wire(rng.pick(Cause::ALL))));
    if rng.chance(85) {
        let evidence: Vec<J> = if rng.chance(35) {
            // Everything a damaged or lost claim asks for.
            [
                Evidence::UnboxingVideo,
                Evidence::CarrierProof,
                Evidence::PackagingKept,
            ]
            .into_iter()
            .map(wire)
            .collect()
        } else {
            (0..rng.below(6))
                .map(|_| wire(rng.pick(Evidence::ALL)))
                .collect()
        };
        fields.push(("evidence".to_owned(), J::Arr(evidence)));
    }
    let count = 1 + rng.below(4);
    fields.push((
        "items".to_owned(),
        J::Arr((0..count).map(|i| item(rng, i)).collect()),
    ));
    (J::Obj(fields), now.timestamp_millis())
}

/// Breaks a claim in one way; every way must be refused with the same code, path and message.
fn break_claim(rng: &mut Rng, c: &mut J, now_ms: &mut i64) {
    match rng.below(20) {
        0 => c.set("order_id", J::Int(42)),
        1 => c.set("incident", J::s("exploded")),
        2 => c.set("cause", J::Null),
        3 => c.remove("signed_at"),
        4 => c.set("signed_at", J::s("2024-03-01T18:00:00")),
        5 => c.set("signed_at", J::s("2024-02-30T18:00:00Z")),
        6 => c.set("reported_at", J::s("1999-01-01T00:00:00Z")),
        7 => c.set("extra", J::Bool(true)),
        8 => c.set("items", J::Arr(Vec::new())),
        9 => c.set(
            "items",
            J::Arr(
                (0..limits::MAX_CLAIM_ITEMS + 1)
                    .map(|i| item(rng, i))
                    .collect(),
            ),
        ),
        10 => c.set(
            "evidence",
            J::Arr(vec![J::s("carrier_proof"); limits::MAX_EVIDENCE + 1]),
        ),
        11 => c.set("evidence", J::Arr(vec![J::s("selfie")])),
        12 => c.set("order_id", J::s("")),
        13 => c.set("order_id", J::Str("x".repeat(limits::MAX_ID_BYTES + 1))),
        14 => c.set(
            "items",
            J::Arr(vec![J::Obj(vec![
                ("id".to_owned(), J::s("1")),
                ("class".to_owned(), J::s("ordinary")),
            ])]),
        ),
        15 => c.set(
            "items",
            J::Arr(vec![J::Obj(vec![
                ("id".to_owned(), J::s("1")),
                ("class".to_owned(), J::s("ordinary")),
                ("condition".to_owned(), J::s("new")),
                ("damage".to_owned(), J::s("shattered")),
            ])]),
        ),
        16 => c.set("ordered_at", J::s("2020-01-01T00:00:00Z")),
        17 => *now_ms = 1_000_000_000_000,
        18 => c.set("items", J::s("all of them")),
        _ => c.set("signed_at", J::Int(1_709_283_600_000)),
    }
}

const TITLES: &[&str] = &[
    "【美品】江戸切子 ｸﾞﾗｽ 2個セット",
    "バカラ ワイングラス ペア 箱付き",
    "サングラス レイバン RB2140",
    "ガラスの仮面 全49巻 漫画",
    "ワンピース 1-105巻 全巻セット",
    "初回限定盤 CD+DVD 外箱付き",
    "CD-R 50枚 未開封",
    "Blu-ray BOX 特典付き",
    "Wine glass set of 2, boxed",
    "Vintage porcelain vase",
    "Sunglasses with case",
    "Trading card binder",
    "Фарфоровая чашка с блюдцем",
    "Стеклянная ваза",
    "Книга о кошках",
    "玻璃杯 陶瓷 马克杯",
    "太阳镜 男士",
    "明信片 10张",
    "額縁 A4 木製",
    "自転車 フレーム カーボン",
    "ｶﾞﾗｽ･ｺｯﾌﾟ\u{200B}セット",
    "ＧＬＡＳＳ　ＭＵＧ",
    "ポスター 🎸 ライブ 2024",
    "Ⅻ ① ㈱ 豈",
    "é\u{301} combining and ｷﾞﾀｰ",
    "\u{FEFF}ぐらす「限定」",
    "ordinary plush toy",
    "",
];

const DESCRIPTIONS: &[&str] = &[
    "説明: ガラス製のため取扱注意。元箱あり。",
    "Comes with original box. Ceramic glaze, no chips.",
    "写真集とポストカード付き",
    "Коробка есть, стекло целое.",
    "盒子有轻微压痕，瓷器完好",
    "ブルーレイ ディスクのみ",
    "no special notes",
];

const CATEGORIES: &[&[&str]] = &[
    &["本・雑誌・漫画"],
    &["本・雑誌・漫画", "漫画", "少年漫画"],
    &["CD・DVD・ブルーレイ"],
    &["ゲーム・おもちゃ・グッズ", "トレーディングカード"],
    &["ファッション", "レディース", "小物", "サングラス"],
    &[
        "ホビー・楽器・アート",
        "美術品・アンティーク・コレクション",
        "工芸品",
        "ガラス",
    ],
    &["ホビー・楽器・アート", "アート用品", "額縁"],
    &["キッチン・日用品・その他"],
];

const MARKETPLACES: &[&str] = &[
    "mercari",
    "rakuma",
    "amazon_jp",
    "surugaya",
    "sofmap",
    "amiami",
    "yahoo_auctions",
    "other",
];

fn title(rng: &mut Rng) -> String {
    let mut t = rng.pick(TITLES).to_owned();
    if rng.chance(30) {
        t.push(' ');
        t.push_str(rng.pick(TITLES));
    }
    t
}

/// A well-formed listing.
fn listing(rng: &mut Rng, n: usize) -> J {
    let mut fields = vec![
        ("id".to_owned(), J::Str(format!("m{n}"))),
        ("title".to_owned(), J::Str(title(rng))),
    ];
    if rng.chance(40) {
        fields.push(("description".to_owned(), J::s(rng.pick(DESCRIPTIONS))));
    }
    if rng.chance(35) {
        let path = rng.pick(CATEGORIES);
        fields.push((
            "category".to_owned(),
            J::Arr(path.iter().map(|s| J::s(s)).collect()),
        ));
    }
    if rng.chance(10) {
        fields.push((
            "category_code".to_owned(),
            J::Str(format!("{}", rng.below(9999))),
        ));
    }
    if rng.chance(50) {
        fields.push(("marketplace".to_owned(), J::s(rng.pick(MARKETPLACES))));
    }
    if rng.chance(60) {
        fields.push(("condition".to_owned(), wire(rng.pick(Condition::ALL))));
    }
    J::Obj(fields)
}

/// Breaks a listing in one way.
fn break_listing(rng: &mut Rng, l: &mut J) {
    match rng.below(12) {
        0 => l.remove("title"),
        1 => l.set("title", J::Int(7)),
        2 => l.set("marketplace", J::s("ebay")),
        3 => l.set("colour", J::s("blue")),
        // Over the byte limit, though under it in UTF-16 units (3 bytes per kana).
        4 => l.set(
            "title",
            J::Str("グ".repeat(limits::MAX_TITLE_BYTES / 3 + 1)),
        ),
        5 => l.set("title", J::Str("g".repeat(limits::MAX_TITLE_BYTES + 1))),
        6 => l.set(
            "description",
            J::Str("ガラス".repeat(limits::MAX_DESCRIPTION_BYTES / 9 + 1)),
        ),
        7 => l.set(
            "category",
            J::Arr(vec![J::s("本"); limits::MAX_CATEGORY_DEPTH + 1]),
        ),
        8 => l.set("id", J::Str("i".repeat(limits::MAX_ID_BYTES + 1))),
        9 => l.set("condition", J::s("mint")),
        10 => l.set("category", J::s("本")),
        _ => l.set("description", J::Null),
    }
}

/// The pathological inputs of issue 7, the same in every run: a megabyte of 「ガラス」, a
/// description just under its limit, 100 000 listings, 501 items and 1 000 levels of nesting.
pub fn pathological() -> Vec<Case> {
    let titled = |id: &str, title: &str| {
        J::Obj(vec![
            ("id".to_owned(), J::s(id)),
            ("title".to_owned(), J::s(title)),
        ])
    };
    let with_description = |text: String| {
        let mut l = titled("big", "ガラス");
        l.set("description", J::Str(text));
        Call::Screen { listing: l }
    };
    let mut rng = Rng::new(0);
    let (mut claim, now_ms) = claim(&mut rng, 0);
    claim.set(
        "items",
        J::Arr(
            (0..=limits::MAX_CLAIM_ITEMS)
                .map(|i| item(&mut rng, i))
                .collect(),
        ),
    );
    // 1 000 levels, not 10 000: V8's `JSON.stringify` gives up near 8 000, so the module refuses
    // deeper objects with `invalid_value` before the decoder sees them (node.mjs checks that).
    let deep = J::Raw(format!("{}{}", "[".repeat(1_000), "]".repeat(1_000)));
    let calls = vec![
        with_description("ガラス".repeat(1024 * 1024 / 9 + 1)),
        with_description("ガラス".repeat(limits::MAX_DESCRIPTION_BYTES / 9)),
        Call::Batch {
            listings: (0..100_000)
                .map(|i| titled(&format!("b{i}"), "グラス"))
                .collect(),
        },
        Call::Judge { claim, now_ms },
        Call::Screen {
            listing: deep.clone(),
        },
        Call::Batch {
            listings: vec![titled("ok", "グラス"), deep],
        },
    ];
    calls
        .into_iter()
        .map(|call| Case {
            call,
            locale: Some("ja".to_owned()),
        })
        .collect()
}

/// `count` cases from `seed`: about 55 % claims, 35 % listings, 10 % batches, one in six of
/// each broken on purpose.
pub fn cases(seed: u64, count: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|n| {
            let locale = rng.pick(LOCALES).map(str::to_owned);
            let call = match rng.below(20) {
                0..=10 => {
                    let (mut c, mut now_ms) = claim(&mut rng, n);
                    if rng.chance(17) {
                        break_claim(&mut rng, &mut c, &mut now_ms);
                    }
                    Call::Judge { claim: c, now_ms }
                }
                11..=17 => {
                    let mut l = listing(&mut rng, n);
                    if rng.chance(17) {
                        break_listing(&mut rng, &mut l);
                    }
                    Call::Screen { listing: l }
                }
                _ => {
                    let size = if rng.chance(2) {
                        limits::MAX_BATCH_LISTINGS + 1
                    } else {
                        1 + rng.below(24)
                    };
                    let mut listings: Vec<J> = (0..size)
                        .map(|i| {
                            if size > 100 {
                                J::Obj(vec![
                                    ("id".to_owned(), J::Str(format!("b{i}"))),
                                    ("title".to_owned(), J::s("グラス")),
                                ])
                            } else {
                                listing(&mut rng, i)
                            }
                        })
                        .collect();
                    if size <= 100 && rng.chance(20) {
                        let at = rng.below(size);
                        break_listing(&mut rng, &mut listings[at]);
                    }
                    Call::Batch { listings }
                }
            };
            Case { call, locale }
        })
        .collect()
}
