#!/usr/bin/env python3
"""Build rasd's place and nationality gazetteers from openly licensed sources.

Python 3.11, standard library only. Reads /work/shared/data/gazetteer-sources (or the
directory given as the first argument; default ../shared/data/gazetteer-sources relative to
the repository root) and writes:

  gazetteers/places/countries.tsv              countries_ar (CLDR, i18n-iso-countries, OCHA taxonomy)
  gazetteers/places/syria_admin.tsv            opensyria_admin (OpenSyria, OCHA COD-AB, GeoNames, Wikidata)
  gazetteers/places/iraq_admin.tsv             iraq_cod_ab (OCHA COD-AB)
  gazetteers/places/yemen_admin.tsv            yemen_cod_ab (OCHA COD-AB)
  gazetteers/places/mena_admin1.tsv            geonames_me/subdivisions_admin1_me.tsv (GeoNames)
  gazetteers/places/cities.tsv                 geonames_me/cities500_me.tsv + geonames_world/cities15000_arabic.tsv
  gazetteers/places/aleppo_neighbourhoods.tsv  syria_neighbourhoods (OCHA)
  gazetteers/nationalities.tsv                 demonym table in this script (facts) + country names

Every alias goes through the same pipeline:
  1. clean: NFKC, diacritics/tatweel removed, ٱ -> ا, hyphens -> space; aliases with
     Persian/Kurdish/Urdu letters (anything in U+0600-U+06FF outside the Arabic letters, or
     U+0750+), Latin letters, digits or other symbols are dropped, as are aliases of more
     than 6 words (4 for GeoNames place names), aliases with a one-letter word and aliases
     ending in a preposition;
  2. dedupe per entry under rasd's folding (alef forms, ى/ي, ة/ه, ؤ/و, ئ/ي), keeping the
     spelling with the most hamza/ة information;
  3. decide unconditional (`aliases`) or context-only (`context_aliases`, which fire only
     after a place trigger) -- see `is_context_only`.
When the canonical name itself is context-only, the entry's `name` becomes the qualified
form (مدينة الباب, ناحية النصر, قرية الشيخ) and the bare form goes to `context_aliases`,
because rasd always matches `name` unconditionally.

Usage: python3 tools/gazetteers/build_places.py [SOURCE_DIR]
"""

from __future__ import annotations


import csv
import difflib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

try:
    import wordfreq  # general-language word frequencies (rule e); `pip install wordfreq`
except ImportError:  # pragma: no cover
    sys.exit("build_places.py needs the wordfreq package: pip install wordfreq==3.1.1")

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SRC = REPO / ".." / "shared" / "data" / "gazetteer-sources"
OUT_PLACES = REPO / "gazetteers" / "places"
OUT_NAT = REPO / "gazetteers" / "nationalities.tsv"

csv.field_size_limit(10**8)

# --------------------------------------------------------------------------------------------
# Priorities (higher wins when two entries share an alias and context does not decide)
# --------------------------------------------------------------------------------------------
P_COUNTRY = 50
P_CAPITAL = 45  # capitals and cities of >= 1M people
P_ADMIN1 = 40
P_CITY = 35  # other cities >= 100k
P_ADMIN2 = 30
P_TOWN = 25
P_ADMIN3 = 20
P_VILLAGE = 10
P_NEIGHBOURHOOD = 5

# Given names at least this frequent (Wikidata person labels) make a single-word alias of a
# small place context-only; names this frequent also catch the ال-form (الحسن, الحسين).
GIVEN_MIN = 10
GIVEN_ARTICLE_MIN = 100
# Admin-1 units and cities >= 100k (not capitals or cities >= 1M) whose name is a given name
# this frequent are context-only too (بشار = Béchar, سالم = Salem, سارة = Sarh).
GIVEN_HIGH_MIN = 30
VILLAGE_POP = 5000

# --------------------------------------------------------------------------------------------
# Folding and cleaning
# --------------------------------------------------------------------------------------------
DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_OK = re.compile("^[\u0621-\u063a\u0641-\u064a ]+$")
FOLD_TABLE = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                            "ؤ": "و", "ئ": "ي"})
ARTICLE = "ال"
# Countries whose place names are Arabic (not transliterated): no foreign spelling variants.
ARABIC_NAMED = set("SY IQ LB JO PS SA YE OM AE QA BH KW EG SD LY TN DZ MA MR SO DJ KM".split())
# ... and countries whose place names often hold a real غ (غازي عنتاب, غزني): no غ -> ج.
REAL_GHAYN = ARABIC_NAMED | set("TR IR AF PK TD ER ET SS".split())


def fold(s: str) -> str:
    """rasd's matching key: diacritics gone, alef/ya/ta-marbuta/hamza-seat folded."""
    s = DIACRITICS.sub("", unicodedata.normalize("NFKC", s))
    s = s.translate(FOLD_TABLE)
    return " ".join(s.split())


def strip_article(folded: str) -> str:
    return folded[2:] if folded.startswith("ال") and len(folded) > 3 else folded


PREPOSITIONS_END = {"في", "من", "الى", "على", "عن", "مع"}


def clean(raw: str, max_words: int = 6) -> str | None:
    """Normalise one alias; None when it is not usable Arabic."""
    if not raw:
        return None
    s = unicodedata.normalize("NFKC", raw)
    s = DIACRITICS.sub("", s).replace("ٱ", "ا")
    s = re.sub(r"[\-\u2010-\u2015_]", " ", s)
    s = s.replace("\u200c", "").replace("\u200f", "").replace("\u200e", "")
    s = " ".join(s.split())
    s = s.replace(" و ", " و")  # a detached conjunction (خب و الشعف)
    # ة glued to the next word (الجحبةالسفلى, حلمةوبني ايوب)
    s = re.sub("ة(?=[\u0621-\u064a])", "ة ", s)
    if not s or not ARABIC_OK.match(s):
        return None
    words = s.split()
    if len(words) > max_words:
        return None
    if any(len(w) == 1 for w in words):  # "د مشق", Persian "X و Y"
        return None
    if any(w.startswith("ئ") for w in words):  # Kurdish orthography (ئاغجة)
        return None
    if re.search(r"(.)\1\1", s):  # ااالخرطوم
        return None
    if any("ى" in w[:-1] for w in words):  # ى inside a word: not Arabic spelling (رىم)
        return None
    if len(words) > 1 and fold(words[-1]) in PREPOSITIONS_END:
        return None
    if len(fold(s).replace(" ", "")) < 2:
        return None
    return s


def spelling_variants(s: str, foreign: bool) -> list[str]:
    """Spelling and case variants news uses that folding does not cover:
    كفر نبل <-> كفرنبل, أبو ظبي <-> أبوظبي, البو كمال <-> البوكمال, معرة مصرين <-> معرتمصرين,
    and for foreign names the g written ج instead of غ (Egyptian and Gulf usage): every غ of a
    foreign city name (غلاسكو -> جلاسكو), a word-final غ in other foreign names
    (هونغ كونغ -> هونج كونج)."""
    out = []
    words = s.split()
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt and not nxt.startswith("ال") and len(nxt) >= 3:
            if w in ("كفر", "أبو", "ابو", "البو"):
                out.append(" ".join(words[:i] + [w + nxt] + words[i + 2:]))
            if w == "معرة":
                out.append(" ".join(words[:i] + ["معرت" + nxt] + words[i + 2:]))
        for head in ("كفر", "البو"):
            rest = w[len(head):]
            if w.startswith(head) and len(rest) >= 3 and not rest.startswith("ال"):
                out.append(" ".join(words[:i] + [head, rest] + words[i + 1:]))
        if w.startswith("معرت") and len(w) >= 7:
            out.append(" ".join(words[:i] + ["معرة", w[4:]] + words[i + 1:]))
    # case forms of the first word of a compound name: أبو غريب / أبي غريب, بنو / بني
    for nom, gen in (("أبو", "أبي"), ("ابو", "ابي"), ("بنو", "بني")):
        if len(words) > 1 and words[0] == nom:
            out.append(" ".join([gen] + words[1:]))
        elif len(words) > 1 and words[0] == gen and nom != "بنو":
            out.append(" ".join([nom] + words[1:]))
    if foreign == "city" and "غ" in s:
        out.append(s.replace("غ", "ج"))  # غلاسكو -> جلاسكو, هامبورغ -> هامبورج
    elif foreign and any(w.endswith("غ") and len(w) > 2 for w in words):
        out.append(" ".join(w[:-1] + "ج" if w.endswith("غ") and len(w) > 2 else w
                            for w in words))
    return out


def info_score(s: str) -> int:
    """How much spelling information an alias carries (hamza seats, ة, ى)."""
    return 2 * sum(s.count(c) for c in "أإآءؤئة") + s.count("ى")


# --------------------------------------------------------------------------------------------
# Word lists written for this script
# --------------------------------------------------------------------------------------------
# (a) Common Arabic words (bare, indefinite form; an alias also hits when it is ال + one of
# these). A single-word place alias that hits is context-only, whatever the place.
COMMON_WORDS = """
باب بيت دار مدينة قرية بلد بلدة حي شارع سوق مسجد جامع جامعة مدرسة مستشفى مطار ميناء جسر طريق
ساحة ميدان حديقة بستان بساتين مزرعة مزارع مصنع معمل سجن قلعة قصر برج حصن سور بئر عين عيون نبع
ينابيع نهر بحر بحيرة جبل جبال تل تلة وادي سهل صحراء بادية غابة جزيرة شاطئ ساحل خليج رأس كهف
مغارة سد قناة ماء مياه نار أرض سماء شمس قمر نجم نجمة هلال كوكب ريح رياح مطر ثلج رمل رمال حجر
حجارة صخر صخرة تراب طين ذهب فضة حديد نحاس ملح زيت قمح شعير شجرة شجر نخل نخلة نخيل زيتون تين
عنب رمان ورد وردة زهرة زهور ياسمين ريحان غزال أسد نمر ذئب حصان فرس جمل صقر نسر عقاب حمام حمامة
طير طيور عصفور بقر غنم قطن سكر خبز لبن عسل تمر كرم كروم دالية حقل حقول مرج مراعي واحة آبار
نصر انتصار سلام حرية ثورة وحدة أمل آمال كرامة عدالة عدل حق حقوق شعب وطن دولة حكومة نظام قانون
سلطة قوة قوات جيش حرب معركة هدنة اتفاق مصالحة تحرير استقلال نهضة تقدم إصلاح مجد عز عزة فجر نور
ضياء هدى إيمان إسلام سلامة أمان أمن رخاء خير خيرات بركة بركات رحمة نعمة فضيلة فضل شرف وفاء صمود
مقاومة جهاد فتح عودة رجاء صبر فرج فلاح نجاح سعادة محبة مودة إخاء أخوة تضامن تعاون اتحاد جمهورية
مملكة إمارة ولاية وفاق قومية اشتراكية ديمقراطية شهيد شهداء أحرار ثوار رشاد رشيد نجاة خلاص توحيد
عمل أمانة عاصمة مركز مكتب مبنى معهد مشروع مجمع مخيم معسكر ثكنة قاعدة محطة مرفأ مستودع منطقة
محافظة ناحية قضاء ريف ضاحية ضواحي حارة زقاق دوار مفرق معبر حاجز نقطة موقع مواقع خط خطوط حدود
جديد جديدة قديم قديمة كبير كبيرة صغير صغيرة كبرى صغرى أعلى عليا علوي علوية سفلى سفلي تحتاني
فوقاني شرق غرب شمال جنوب شرقي شرقية غربي غربية شمالي شمالية جنوبي جنوبية أوسط وسطى وسط أبيض بيضاء
أسود سوداء أحمر حمراء أخضر خضراء أزرق زرقاء أصفر صفراء طويل طويلة قصير قصيرة عالي عالية منصور
منصورة منتصر ظافر جميل جميلة حسن حسنة طيب طيبة كريم كريمة سعيد سعيدة عزيز عزيزة شريف شريفة عظيم
عظيمة مبارك مباركة مجيد حديث حديثة عريق عريقة مهين بصيرة هجين خالد خالدة باسل صامد صامدة
يوم أسبوع شهر سنة عام ليل ليلة نهار صباح مساء ضحى ظهر عصر مغرب عشاء أمس غد ربيع صيف خريف شتاء
تشرين كانون آذار نيسان أيار حزيران تموز أيلول شباط
واحد اثنان ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثمان ثمانية تسع تسعة عشر عشرة مئة ألف
أول ثاني ثالث رابع خامس سادس سابع ثامن تاسع عاشر
شيخ شيوخ إمام سيد سيدة حاج أمير ملك سلطان قاضي مفتي خليفة نبي رسول ولي أب أم ابن بنت أخ أخت عم
خال جد رجل امرأة ولد أولاد بنات عائلة قبيلة عشيرة أهل ناس شباب أطفال نساء رجال عمال جنود ضباط
فلاحين فقراء أنصار مهاجرين صحابة أشراف سادة أعراب بدو
صور صورة سلوك زيارة روضة تبني كسرة كسب حراك شجرة سبخة قبو شين صدد جلاء ملح صدر دور علم حراك
عنه عنها منه منها فيه فيها عليه عليها إليه له لها به بها هنا هناك حيث كان كانت يكون قد لقد لم لن
في من إلى على عن مع بعد قبل بين حول ضد عند لدى منذ حتى كما لكن هذا هذه ذلك تلك هو هي هم نحن
الذي التي الذين كل بعض غير أي أو ثم قال قالت أكد أعلن أفاد يوجد توجد
بعقوبة عمارة قريتين زراعة صناعة تجارة صحة تعليم ثقافة إعلام رياضة سياحة نفط غاز كهرباء طاقة
مال مالي مالية اقتصاد بنك سفارة قنصلية وزارة مجلس برلمان بلدية شرطة دفاع داخلية خارجية عدلية
حرس فرقة لواء كتيبة سرية فوج جبهة ساحات قمة هضبة منحدر سفح مرتفعات منخفض بادية سبيل مقام ضريح
مزار قبة منارة مئذنة كنيسة دير معبد هيكل جسور أبراج ساحل سواحل جزر خلجان فرات دجلة
قمري بربري شبكي قوم بنين إقليم جهة عين موبايل دائرة رابطة نادي وفد نقابة جمعية مؤسسة هيئة منظمة
فارس فرسان عقيد مقدم نقيب ملازم رائد لواء عميد مشير زعيم قائد رئيس وزير نائب عضو محافظ
فيض فرقان شعلة ربوة رابية سهول قبلة كعبة قدر شام غوطة منشية
خبر مشهد بحري زاوية طراز قبلي فار قائم صف دوري بري حد سند جناح عرش شحن نادرة رديف مركزية عصابة
بورصة طرف مرسى حضر مزهرة قارة دهر خلق حالي ظاهر ظاهرة مدان منار مفتاح مصلوب ملاح سود شعر عبر
عبور حزم صعيد متون جبين رجم سلفية جعفرية زيدية عشة قفر وضيع مظفر حمد خمر عبس عمد رصد شعوب نصاب
نهم صالة مزهر باي باري موالي موزع حرض جبن عتق سلطات خالص عظماء قريات شامية سبعين عشرين ثلاثين
أربعين خمسين ستين ثمانين تسعين بحركة بركان برع يبعث يافع سامع منبه غمر دخيل حمامات واحات واد بيض
أصنام اله
وقف شروق سبت أحد اثنين ثلاثاء أربعاء خميس جمعة درب جرف مالح صافي شفا وجه قصور داخلة خارجة طور زور
قابل مدام قنطرة وديعة زرقا ضبعة شامخة خبراء دخان حلاوة فرعون قنوات درج سال مرات رماح سحاب حكما دهب
هون تلا عنك سيان زايد منشأة مذنب سعير
يوما أيضا جدا دائما أبدا غدا سابقا حاليا مؤخرا رسميا فورا تقريبا معا أولا ثانيا أخيرا قريبا بعيدا
أنتم أنتن أنت أنا هن ما لا أحيانا كثيرا قليلا خصوصا عموما مثلا طبعا شكرا حقا فعلا نهائيا ليلا نهارا صباحا ظهرا عصرا
""".split()
# Common only without the article (the ال-form is a well-known place: الرباط, الرياض).
COMMON_EXACT_WORDS = "رباط رياض".split()

# Toponymic head words: a multi-word alias starting with one of these is a proper place name
# (تل أبيض, رأس العين, عين العرب, جبل الشيخ) even when all its words are common.
TOPO_HEADS = set(fold(w) for w in """
تل تلة عين رأس راس جبل دير وادي بئر بير خربة كفر جسر قلعة برج بيت سد ميناء مخيم حي سوق بحر نهر
نيل مرج ظهر ضهر حمام قصر باب ساحة جزيرة جزر شط خان سهل ريف أم ام أبو ابو بني بنو آل ال حصن طور
نبع عيون مزرعة قرية مدينة بلدة دار ناحية منطقة محافظة قضاء مديرية عزلة مركز
جمهورية مملكة سلطنة دولة إمارة ولاية إقليم جهة شعبية بلدية دائرة عمالة
""".split())

# Generic admin/direction words: a multi-word alias made only of these (and COMMON words,
# unless it starts with a TOPO_HEAD) is context-only: المنطقة الشمالية, المحافظة الجنوبية.
# Organisation heads: an alias starting with one is an institution, context-only.
ORG_HEADS = set(fold(w) for w in "جامعة مستشفى شركة وزارة مدرسة معهد كلية مؤسسة".split())

COMMON = set()
for _w in COMMON_WORDS:
    COMMON.add(fold(_w))
COMMON.discard("")
COMMON_EXACT = {fold(w) for w in COMMON_EXACT_WORDS}

# Place nouns used to qualify a context-only canonical name.
QUAL = {
    "country": "دولة",
    "city": "مدينة",
    "town": "بلدة",
    "village": "قرية",
    "neighbourhood": "حي",
}
# Place-noun prefixes stripped from source aliases to get the bare form (kept too).
PLACE_PREFIXES = ["محافظة", "ولاية", "إمارة", "امارة", "إقليم", "اقليم", "منطقة", "شعبية",
                  "بلدية مدينة", "بلدية", "جهة", "استان", "دائرة", "قضاء", "ناحية", "مديرية",
                  "عزلة", "مدينة", "بلدة", "قرية", "لواء"]
PLACE_PREFIXES.sort(key=len, reverse=True)
# Junk aliases seen in the sources.
DROP_ALIAS_WORDS = {fold(w) for w in ["مركزها", "فرماندارئ", "استن", "اف"]}


PLACE_PREFIXES_FOLDED = {fold(p) for p in PLACE_PREFIXES}


def starts_with_place_noun(s: str) -> bool:
    return strip_article(fold(s.split()[0])) in PLACE_PREFIXES_FOLDED


def strip_place_prefix(s: str) -> str | None:
    for p in PLACE_PREFIXES:
        if s.startswith(p + " ") and len(s) > len(p) + 2:
            return s[len(p) + 1:]
    if s.endswith(" ولايت"):
        return s[: -len(" ولايت")]
    return None


# --------------------------------------------------------------------------------------------
# Person names (rule b)
# --------------------------------------------------------------------------------------------
class Names:
    def __init__(self, src: Path):
        self.given: dict[str, int] = defaultdict(int)
        with open(src / "persons_ar" / "name_units_wikidata.tsv", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                if r["role"] == "given":
                    self.given[fold(r["arabic_key_normalized"])] += int(r["count"] or 0)
        self.full: set[str] = set()
        with open(src / "persons_ar" / "full_names_wikidata.tsv", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                self.full.add(fold(r["arabic_key_normalized"]))

    def is_given(self, folded: str) -> bool:
        if self.given.get(folded, 0) >= GIVEN_MIN:
            return True
        if folded.startswith("ال") and self.given.get(folded[2:], 0) >= GIVEN_ARTICLE_MIN:
            return True
        return False


NAME_PREFIX_WORDS = {fold(w) for w in ["أبو", "أبي", "أم", "بني", "بنو", "بيت", "آل", "ابن", "بن",
                                       "عبد", "ولد", "أولاد", "سيدي", "السيدة", "الشيخ", "شيخ"]}

# --------------------------------------------------------------------------------------------
# The ambiguity decision
# --------------------------------------------------------------------------------------------
NAMES: Names  # set in main()


def read_person_words() -> tuple[set[str], set[str]]:
    """The given names of rasd's rule layer (gazetteers/names/given.txt, already folded) and the
    one-word names and aliases of the hand-curated people files."""
    given = set()
    with open(REPO / "gazetteers" / "names" / "given.txt", encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and not w.startswith("#"):
                given.add(fold(w))
    people = set()
    for path in sorted((REPO / "gazetteers" / "people").glob("*.tsv")):
        if path.name == "wikidata_names.tsv":
            continue
        with open(path, encoding="utf-8") as f:
            rows = [ln for ln in f if ln.strip() and not ln.startswith("#")]
        for r in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
            for a in [r["name"], *(r.get("aliases") or "").split("|")]:
                if a and " " not in a.strip():
                    people.add(fold(a))
    return given, people


RASD_GIVEN, PERSON_WORDS = read_person_words()
NATIONALITY_FORMS: set[str] = set()  # folded nationality forms; a place alias equal to one
                                     # (a village called الكردي) is context-only


def is_common(folded: str) -> bool:
    return folded in COMMON or folded in COMMON_EXACT or strip_article(folded) in COMMON


# Rule (e): a single word this frequent in general Arabic (wordfreq's Zipf scale: 4 is about once
# in 100,000 words) is an ordinary word first and a place second, unless the place is big enough
# to be what the word usually means in news (خروج "exit" vs Khorugh, الكرامة "dignity").
ZIPF_MID = 4.0   # admin2/admin3, towns, villages, neighbourhoods
FAMOUS_EN = 3.6  # English Zipf of a foreign place's name above which rule (e) is waived
ZIPF_HIGH = 4.5  # foreign cities >= 1M that are not capitals
ZIPF_MENA_HIGH = 5.3  # Middle East admin1 units and cities >= 100k (see rule e)


def zipf(word: str) -> float:
    """The highest frequency among the spellings folding merges, up to two letters changed from
    the folded form: a name written أطار folds like the word إطار ("frame"), بانه like بأنه,
    آلاشهر like الأشهر."""
    seats = {"ا": "أإآ", "ي": "ئى", "و": "ؤ", "ه": "ة"}

    def changes(w: str) -> set[str]:
        out = set()
        for i, ch in enumerate(w):
            for r in seats.get(ch, ""):
                if r in "ةى" and i != len(w) - 1:
                    continue
                out.add(w[:i] + r + w[i + 1:])
        return out

    base = fold(word)
    forms = {word, base} | changes(base)
    for f in list(forms):
        forms |= changes(f)
    return max(wordfreq.zipf_frequency(f, "ar") for f in forms)


# Country names that are ordinary words: the only country aliases rule (a) makes context-only
# (مالي "financial", بنين "sons"); المغرب, الأردن, السودان ... stay unconditional.
COUNTRY_COMMON = {fold(w) for w in ["مالي", "بنين", "تشاد", "توغو", "غانا", "كوبا", "بيرو"]}

# The 27 countries of geonames_me: outside them, a place under 100,000 people with a one-word
# Arabic name is far more often a word than that town in Arabic news (أنان "Annan", بيرا).
MENA_CC = set("SY IQ LB JO PS IL TR IR SA YE EG LY KW QA BH AE OM SD TN DZ MA AF MR SO DJ KM CY".split())


# Places the conflicts made famous whose names are also ordinary words: they stay unconditional
# whatever rules (a)-(e) say (تدمر "destroys" is Palmyra in war reporting).
FORCE_PLAIN = {fold(w) for w in ["تدمر",
                                 # famous places GeoNames counts below 100,000 people (rule c)
                                 "تمبكتو", "تومبوكتو", "فينيسيا", "ديربورن", "ديربون",
                                 "دونكيرك", "دنكيرك",
                                 # big cities of the region whose name also reads as a clitic
                                 # and a common word (بعقوبة: ب + عقوبة "with a penalty")
                                 "بعقوبة"]}

# The reverse (rule f): single words that are first of all ordinary Arabic words (a verb, a noun,
# an adjective, a tanween form), given names, surnames of people in the news, company or club
# names, and that GeoNames also gives as the name of a place -- context-only for every entry but
# a country, whatever its size or fame. Found by scanning every single-word alias of the place
# files with wordfreq (Zipf >= 3) and reading them; the place each one spells is in the comment.
FORCE_CONTEXT = {fold(w) for w in """
حجة دوما فوجي خفي لوم ربك مساكن سترة جرم الغازية الهاشمية نارا الخراب النظير تور طولا ترمز برقية تاريخا تربة
كيل كاسل مكن بدين شفت فنجان نير العنان العباسي الجمالية الكاف ديربي توتنهام تويوتا كورونا بيتش
فورت يورك مان واؤ تاني عشاق عتبة السي ماؤ مئو روم قدس كولن بور دمت غور صبيا رهط هيرو شوط الحاجب
رالي تفوح بريدا يعبد غنت خنت جنت الغاب الحسينية كارا شرس الحصين آبا أبا بيرم نيم نيلي ماكو سراب
سافانا المنزلة تاما بولو حرير موبيل الجراحي الخور تيس كرين مسلية زلة العقيق كاندي حتا تبن سباح
ساكورا خور ميدي مقلي مسكنة جديرا صدوق شال ديدان الوفرة حسية أواني باتا النعامة السخنة خصب كرش
بروج موش زرنا الحمرة الجول كسل دراج رماة الزاهر معرب لعيون آباده أزال واري الصافية أرحب سدة
أنفا أبينا إفران هزة أوز رماه جهينة باث بيكا مودية بصيرا نوا أورانج فيستا ديفي بالتي فلورنس
وارين باترسون تشاندلر مورينو بيريرا كونكورد إلجين أولم بالماس أولو سوزا ريجينا ياي ودان براك
باسكال كاري كارولينا هندرسون رينو طريف جنان سارى ميري ميسا تايلر
""".split()}
# ... and multi-word GeoNames names that are ordinary phrases or a person's name: إن صالح
# ("that Saleh", In Salah), رد أو ("a reply or"), النبي صالح (the prophet), إمام حسين.
FORCE_CONTEXT |= {fold(w) for w in ["إن صالح", "رد او", "بل خير", "النبي صالح", "امام شهر",
                                    "امام حسن", "امام حسين", "خلف مسلم", "كريم كلا", "تحت محل",
                                    "محمد شهر", "سلمان شهر", "محمد بك", "سن سن"]}


def is_context_only(alias: str, tier: str, small: bool, famous: bool = False) -> bool:
    """True when `alias` must only fire after a place trigger.

    tier: 'top' (countries, capitals, cities >= 1M), 'high' (admin1, cities >= 100k), 'mid'
    (admin2, towns, other admin units) or 'nationality'. small: a single-word alias of a small place (village,
    admin3, neighbourhood) -- rule (c).
    """
    f = fold(alias)
    if f in FORCE_PLAIN:
        return False
    if f in FORCE_CONTEXT and tier != "country":  # (f)
        return True
    words = f.split()
    letters = f.replace(" ", "")
    if len(letters) <= 2:  # (d) one- or two-letter aliases
        return True
    if len(letters) <= 3 and letters.startswith("ال"):  # ال + one letter (الم, اله)
        return True
    if tier == "nationality":
        return False  # ambiguous nationality forms are listed in NAT_CONTEXT
    if len(words) == 1:
        if is_common(f) and (tier != "country" or f in COUNTRY_COMMON):  # (a)
            return True
        if tier not in ("top", "country") and f in NATIONALITY_FORMS:
            return True  # a village called الكردي, Samandağ called السويدية "Swedish"
        # (b) a foreign city below 1M people (or a non-famous one above) named like a person:
        # a given name rasd's rule layer knows (names/given.txt: فلاديمير, إليزابيث, جاكسون) or a
        # one-word alias of a person in people/*.tsv (هاميلتون, بولتون, داروين, روسو)
        if (tier == "high-foreign" or (tier == "top-foreign" and not famous)) and (
                f in RASD_GIVEN or f in PERSON_WORDS):
            return True
        if tier not in ("high", "top", "top-foreign", "country") and NAMES.is_given(f):  # (b)
            return True
        if tier == "high" and NAMES.given.get(f, 0) >= GIVEN_HIGH_MIN:  # (b) بشار, سالم
            return True
        if small:  # (c)
            return True
        if famous:  # a word this frequent may just be the well-known place (نيويورك, جنيف)
            return False
        # (e) For the big places of the Middle East ('high': admin1 units and cities >= 100k)
        # frequency mostly measures fame, not a second meaning (غزة 5.1, صنعاء 4.8, الموصل 4.7):
        # only a word far above that (ZIPF_MENA_HIGH) is taken for a common word there; the
        # words that are known common words are rule (a).
        if tier not in ("top", "top-foreign", "country") and zipf(alias) >= (ZIPF_MENA_HIGH if tier == "high" else ZIPF_MID):  # (e)
            return True
        if tier == "top-foreign" and zipf(alias) >= ZIPF_HIGH:  # (e) آبا = أبا "father", هوئه = هوية
            return True
        return False
    # multi-word
    if words[0] in ORG_HEADS:
        return True
    head = words[0] in TOPO_HEADS or strip_article(words[0]) in TOPO_HEADS
    if not head and words[0].startswith("ال") and all(is_common(w) for w in words):
        # a definite phrase of common words: المنطقة الشمالية, الحدود الشمالية, الصورة الصغيرة
        # (an indefinite first word makes a construct name: جرف الصخر, سوق الشيوخ)
        return True
    if tier in ("high", "top", "top-foreign", "country", "nationality"):
        return False
    if f in NAMES.full:  # (b) a person's full name
        return True
    if len(words) == 2 and words[0] in NAME_PREFIX_WORDS and NAMES.is_given(words[1]):
        return True  # أبو علي, بني عمر, الشيخ سعيد
    return False


# --------------------------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------------------------
COLUMNS = ["id", "kind", "name", "aliases", "context_aliases", "feature", "country", "parent",
           "lat", "lon", "population", "wikidata", "geonames", "pcode", "name_en", "priority"]


class Entry:
    def __init__(self, id_: str, kind: str, feature: str = "", **kw):
        self.id = id_
        self.kind = kind
        self.feature = feature
        self.raw_names: list[str] = []  # first is the preferred canonical name
        self.forced_context: list[str] = []
        self.name = ""
        self.aliases: list[str] = []
        self.context: list[str] = []
        self.f = {k: "" for k in COLUMNS}
        for k, v in kw.items():
            self.f[k] = "" if v is None else str(v)
        self.tier = "mid"
        self.small = False
        self.qual = QUAL.get(feature, "")
        self.max_words = 6
        self.foreign: bool | str = False  # transliterated from a non-Arabic language ("city": all g)
        self.famous = False  # a foreign place well known in English: rule (e) does not apply

    def add(self, *names: str, front: bool = False):
        for n in names:
            if n:
                if front:
                    self.raw_names.insert(0, n)
                else:
                    self.raw_names.append(n)

    def finalize(self) -> bool:
        """Clean, dedupe and split the aliases. False when no usable name is left."""
        cleaned: list[str] = []
        for raw in self.raw_names:
            c = clean(raw, self.max_words)
            if not c:
                continue
            if any(fold(w) in DROP_ALIAS_WORDS for w in c.split()):
                continue
            cleaned.append(c)
            bare = strip_place_prefix(c)
            if bare and self.kind == "place":
                cleaned.append(bare)
        for c in list(cleaned):
            cleaned.extend(spelling_variants(c, self.foreign))
        forced = {fold(c) for c in (clean(x) for x in self.forced_context) if c}
        for x in self.forced_context:
            c = clean(x)
            if c:
                cleaned.append(c)
        # dedupe under folding, keeping the most informative spelling; order by first sight
        best: dict[str, str] = {}
        order: list[str] = []
        for c in cleaned:
            k = fold(c)
            if k not in best:
                best[k] = c
                order.append(k)
            elif info_score(c) > info_score(best[k]):
                best[k] = c
        if not order:
            return False
        uncond, ctx = [], []
        # A one-word ال-name written without its article (رقة for الرقة) is usually the common
        # word (رقة "tenderness"), not the place.
        articled = {k for k in order if k.startswith("ال") and " " not in k}
        for k in order:
            a = best[k]
            small = self.small and len(k.split()) == 1
            if ("ال" + k) in articled and self.tier not in ("country", "nationality"):
                ctx.append(a)
            elif k in forced or is_context_only(a, self.tier, small, self.famous):
                ctx.append(a)
            else:
                uncond.append(a)
        first = best[order[0]]
        if first in uncond:
            self.name = first
            uncond.remove(first)
        else:
            # canonical name is context-only: use an unconditional qualified form
            qualified = None
            if self.qual and not is_context_only(f"{self.qual} {first}", self.tier, False):
                qualified = f"{self.qual} {first}"
                for u in uncond:  # the same form already listed (maybe better spelled)
                    if fold(u) == fold(qualified):
                        qualified = u
            if qualified is None:
                for u in uncond:
                    bare = strip_place_prefix(u)
                    if bare and fold(bare) == fold(first):
                        qualified = u
                        break
            if qualified is None and uncond:
                qualified = uncond[0]
            if qualified is None:
                return False
            self.name = qualified
            if qualified in uncond:
                uncond.remove(qualified)
        self.aliases = uncond
        self.context = ctx
        return True

    def all_folded(self) -> set[str]:
        return {fold(x) for x in [self.name, *self.aliases, *self.context]}

    def row(self) -> list[str]:
        f = dict(self.f)
        try:
            if float(f["lon"]) > 180:  # OCHA gives Fiji 195.3
                f["lon"] = fmt_coord(float(f["lon"]) - 360)
            ok = -90 <= float(f["lat"]) <= 90 and -180 <= float(f["lon"]) <= 180
        except ValueError:
            ok = False
        if not ok:
            f["lat"] = f["lon"] = ""
        f["id"], f["kind"], f["name"] = self.id, self.kind, self.name
        f["feature"] = self.feature
        f["aliases"] = "|".join(self.aliases)
        f["context_aliases"] = "|".join(self.context)
        return [f.get(c, "") for c in COLUMNS]


def fmt_coord(x) -> str:
    if x in (None, ""):
        return ""
    try:
        return f"{float(x):.5f}".rstrip("0").rstrip(".")
    except ValueError:
        return ""


def write_tsv(path: Path, entries: list[Entry], sources: str, columns: list[str] | None = None):
    columns = columns or COLUMNS
    # drop columns that are empty everywhere (except the required ones)
    used = [c for c in columns if c in ("id", "kind", "name")
            or any(e.row()[COLUMNS.index(c)] for e in entries)]
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# GENERATED by tools/gazetteers/build_places.py from {sources} — do not edit; "
                "edit the script or add a hand-written file\n")
        f.write("\t".join(used) + "\n")
        for e in entries:
            r = e.row()
            vals = [r[COLUMNS.index(c)] for c in used]
            for v in vals:
                assert "\t" not in v and "\n" not in v, (e.id, v)
            f.write("\t".join(vals) + "\n")


def read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


# --------------------------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------------------------
# Canonical names where the CLDR short name is not the common news form.
COUNTRY_CANONICAL = {
    "PS": "فلسطين", "CD": "جمهورية الكونغو الديمقراطية", "CG": "جمهورية الكونغو",
    "HK": "هونغ كونغ", "MO": "ماكاو", "MM": "ميانمار", "TL": "تيمور الشرقية", "CZ": "التشيك",
    "SY": "سوريا", "US": "الولايات المتحدة", "SA": "السعودية", "AE": "الإمارات",
}
# Common news forms (facts). Capitals are never country aliases.
COUNTRY_EXTRA = {
    "US": ["أمريكا", "أميركا", "الولايات المتحدة", "الولايات المتحدة الأمريكية",
           "الولايات المتحدة الأميركية"],
    "RU": ["روسيا", "روسيا الاتحادية", "الاتحاد الروسي"],
    "IR": ["إيران", "الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية"],
    "GB": ["بريطانيا", "المملكة المتحدة", "بريطانيا العظمى"],
    "SA": ["السعودية", "المملكة العربية السعودية"],
    "AE": ["الإمارات", "الإمارات العربية المتحدة", "دولة الإمارات",
           "دولة الإمارات العربية المتحدة", "الإمارات العربية"],
    "SY": ["سوريا", "سورية", "الجمهورية العربية السورية"],
    "EG": ["مصر", "جمهورية مصر العربية"],
    "IQ": ["العراق", "جمهورية العراق"],
    "JO": ["الأردن", "المملكة الأردنية الهاشمية"],
    "LB": ["لبنان", "الجمهورية اللبنانية"],
    "PS": ["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"],
    "IL": ["إسرائيل", "دولة إسرائيل"],
    "TR": ["تركيا", "الجمهورية التركية", "جمهورية تركيا"],
    "YE": ["اليمن", "الجمهورية اليمنية"],
    "LY": ["ليبيا", "دولة ليبيا"],
    "SD": ["السودان", "جمهورية السودان"],
    "SS": ["جنوب السودان", "دولة جنوب السودان", "جمهورية جنوب السودان"],
    "DZ": ["الجزائر", "الجمهورية الجزائرية"],
    "MA": ["المغرب", "المملكة المغربية"],
    "TN": ["تونس", "الجمهورية التونسية"],
    "KW": ["الكويت", "دولة الكويت"],
    "QA": ["قطر", "دولة قطر"],
    "BH": ["البحرين", "مملكة البحرين"],
    "OM": ["عمان", "سلطنة عمان"],
    "MR": ["موريتانيا", "الجمهورية الإسلامية الموريتانية"],
    "SO": ["الصومال", "جمهورية الصومال"],
    "AF": ["أفغانستان"],
    "CN": ["الصين", "جمهورية الصين الشعبية", "الصين الشعبية"],
    "FR": ["فرنسا", "الجمهورية الفرنسية"],
    "DE": ["ألمانيا", "جمهورية ألمانيا الاتحادية"],
    "KP": ["كوريا الشمالية", "كوريا الديمقراطية"],
    "KR": ["كوريا الجنوبية"],
    "BY": ["بيلاروسيا", "روسيا البيضاء"],
    "MM": ["بورما"],
    "CI": ["ساحل العاج", "كوت ديفوار"],
    "VA": ["الفاتيكان", "مدينة الفاتيكان", "دولة الفاتيكان"],
    "FK": ["جزر فوكلاند", "فوكلاند", "جزر المالوين", "المالوين"],
    "ER": ["إريتريا", "أريتريا", "إرتريا"],
    "ET": ["إثيوبيا", "أثيوبيا"],
    "DK": ["الدنمارك", "الدانمارك"],
    "NL": ["هولندا", "مملكة هولندا"],
    "HU": ["المجر", "هنغاريا"],
    "CZ": ["التشيك", "جمهورية التشيك", "تشيكيا"],
    "BA": ["البوسنة", "البوسنة والهرسك"],
    "AZ": ["أذربيجان"],
    "KZ": ["كازاخستان"],
    "XK": ["كوسوفو"],
    "ZA": ["جنوب أفريقيا", "جنوب إفريقيا"],
    "CF": ["أفريقيا الوسطى", "إفريقيا الوسطى"],
    "MK": ["مقدونيا", "مقدونيا الشمالية"],
    "GE": ["جورجيا"],
    "UA": ["أوكرانيا"],
    "VE": ["فنزويلا"],
    "IN": ["الهند"],
    "PK": ["باكستان"],
    "JP": ["اليابان"],
    "IT": ["إيطاليا"],
    "ES": ["إسبانيا"],
    "TW": ["تايوان"],
    "KM": ["جزر القمر"],
    "DJ": ["جيبوتي"],
    "LK": ["سريلانكا", "سري لانكا"],
    "CY": ["قبرص"],
    "TD": ["تشاد"],
    "NE": ["النيجر"],
    "ML": ["جمهورية مالي"],
    "BD": ["بنغلاديش", "بنغلادش", "بنجلاديش", "بنجلادش"],
    "AU": ["أستراليا", "استراليا"],
    # spellings of Egyptian/Gulf/older usage that CLDR and UNTERM lack (a g written ج, ة for
    # final a, the article on Latin American names)
    "NO": ["النرويج", "النروج"], "FI": ["فنلندا", "فنلندة"], "IE": ["إيرلندة", "أيرلندة"],
    "KG": ["قرغيزستان", "قيرغيزستان", "قرغيزيا"], "VN": ["فيتنام", "فييتنام"],
    "PH": ["الفلبين", "الفيليبين"], "NZ": ["نيوزيلندا", "نيوزيلاندا", "نيوزلندا"],
    "PE": ["البيرو"], "PY": ["باراغواي", "الباراغواي", "باراجواي", "الباراجواي"],
    "UY": ["أوروغواي", "الأوروغواي", "أوروجواي", "الأوروجواي"], "NI": ["نيكاراجوا"],
    "CR": ["كوستا ريكا"], "AO": ["أنجولا"], "SC": ["جزر سيشل", "سيشيل"],
    "BF": ["بوركينافاسو"], "TG": ["توجو"], "GA": ["الغابون", "الجابون"],
    "CD": ["الكونغو الديمقراطية", "الكونغو كينشاسا"], "CG": ["الكونغو برازافيل"],
    "ME": ["الجبل الأسود", "مونتينيغرو", "مونتينيجرو"], "MD": ["مولدافيا"], "AM": ["أرمينية"],
    "MV": ["جزر المالديف", "المالديف"], "DO": ["جمهورية الدومينيكان", "الدومينيكان"],
    "PR": ["بورتو ريكو"],
}
NON_COUNTRY_CODES = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB",
                     "ZZ"}


def untangle_unterm(s: str) -> list[str]:
    """UNTERM inverted forms: 'إيران (جمهورية - الإسلامية)' -> 'جمهورية إيران الإسلامية'."""
    s = s.strip()
    if not s:
        return []
    if "،" in s or "," in s:
        return []
    m = re.match(r"^(.*?)\s*\((.*?)\s*-\s*(.*?)\)\s*$", s)
    if m:
        return [f"{m.group(2)} {m.group(1)} {m.group(3)}", m.group(1)]
    m = re.match(r"^(.*?)\s*\((.*?)\s*_\s*\)\s*$", s)
    if m:
        return [f"{m.group(2)} {m.group(1)}", m.group(1)]
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*$", s)
    if m:
        return [m.group(1)]
    if " - " in s:
        return [s.replace(" - ", " ")]
    return [s]


def build_countries(src: Path) -> tuple[list[Entry], dict[str, Entry]]:
    rows = read_tsv(src / "countries_ar" / "countries_ar.tsv")
    ocha: dict[str, dict] = {}
    with open(src / "countries_ar" / "ocha_countries_territories_taxonomy.csv",
              encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc = r["ISO 3166-1 Alpha 2-Codes"].strip()
            if cc:
                ocha[cc] = r
    entries = []
    by_cc: dict[str, Entry] = {}
    for r in rows:
        cc = r["iso2"].strip()
        if cc in NON_COUNTRY_CODES or (not r["iso3"] and cc != "XK"):
            continue
        o = ocha.get(cc, {})
        e = Entry(f"country-{cc.lower()}", "place", "country", country=cc,
                  lat=fmt_coord(o.get("Latitude")), lon=fmt_coord(o.get("Longitude")),
                  name_en=r["en_short_unterm"] or o.get("Preferred Term", ""),
                  priority=P_COUNTRY)
        e.tier = "country"
        e.qual = "دولة"
        e.foreign = cc not in REAL_GHAYN
        if cc in COUNTRY_CANONICAL:
            e.add(COUNTRY_CANONICAL[cc])
        for col in ("ar_cldr", "ar_cldr_alt", "ar_i18n_iso_countries", "ar_unterm_short", "ar_m49"):
            for n in untangle_unterm(r[col]):
                e.add(n)
        for col in ("Arabic Short", "M49 Arabic"):
            for n in untangle_unterm(o.get(col, "")):
                e.add(n)
        e.add(*COUNTRY_EXTRA.get(cc, []))
        if e.finalize():
            entries.append(e)
            by_cc[cc] = e
    return entries, by_cc


# --------------------------------------------------------------------------------------------
# Syria (OpenSyria)
# --------------------------------------------------------------------------------------------
def opensyria_population(src: Path) -> dict[str, int]:
    """OpenSyria id -> population (2004 census, US Census Bureau tables via OpenSyria)."""
    out = {}
    for name in ("governorates.json", "districts.json", "subdistricts.json"):
        with open(src / "opensyria_admin" / name, encoding="utf-8") as f:
            for rec in json.load(f):
                pop = (rec.get("population") or {}).get("value")
                if isinstance(pop, (int, float)) and pop > 0:
                    out[rec["id"]] = int(pop)
    return out


def build_syria(src: Path, gn_admin1: dict) -> list[Entry]:
    rows = read_tsv(src / "opensyria_admin" / "syria_admin1-3.tsv")
    population = opensyria_population(src)
    entries = []
    by_id = {}
    for r in rows:
        lvl = int(r["level"])
        feature = f"admin{lvl}"
        parent = r["parent_id"] or "country-sy"
        e = Entry(r["id"], "place", feature, country="SY", parent=parent,
                  lat=fmt_coord(r["lat"]), lon=fmt_coord(r["lon"]), wikidata=r["wikidata"],
                  geonames=r["geonameid"], pcode=r["ocha_pcode"], name_en=r["name_en"],
                  population=population.get(r["id"], ""),
                  priority={1: P_ADMIN1, 2: P_ADMIN2, 3: P_ADMIN3}[lvl])
        e.tier = "high" if lvl == 1 else "mid"
        e.small = lvl == 3
        e.qual = {1: "محافظة", 2: "منطقة", 3: "ناحية"}[lvl]
        e.level = lvl
        e.add(r["name_ar"])
        for a in r["aliases_ar"].split("|"):
            if a.strip().startswith("مدينة "):
                continue  # a city's name, not the unit's
            e.add(a.strip())
        if lvl == 1:
            for a in gn_admin1.get(("SY", r["geonameid"]), []):
                e.add(a)
        entries.append(e)
        by_id[e.id] = e
    return entries


def add_bare_markaz(entries: list[Entry], taken: set[str]):
    """مركز X / ناحية مركز X -> also X, unless X is already another entry's name or alias."""
    for e in entries:
        if e.feature != "admin3":
            continue
        extra = []
        for n in e.raw_names:
            c = clean(n)
            if not c:
                continue
            b = strip_place_prefix(c) or c
            if b.startswith("مركز "):
                bare = b[len("مركز "):]
                if fold(bare) not in taken:
                    extra.append(bare)
        e.add(*extra)


# --------------------------------------------------------------------------------------------
# Iraq and Yemen (OCHA COD-AB)
# --------------------------------------------------------------------------------------------
# Names OCHA flattened in a way folding does not repair, or wrote in Kurdish orthography,
# or mixed up: pcode -> correct Arabic spellings (facts). The OCHA form stays an alias.
OCHA_FIXES = {
    "IQG01Q05": ["عانة"], "IQG01Q05N01": ["مركز عانة"],  # Ana (OCHA عنه "about him")
    "IQG02Q01": ["أبو الخصيب"], "IQG02Q01N02": ["مركز أبي الخصيب"],
    "IQG08Q02N02": ["أبو غريب"],
    "IQG10Q03": ["بلدروز"],  # district of Baladruz (OCHA gives its town مندلي)
    "IQG06Q02N01": ["آغجلر"],  # Aghjalar (OCHA ئاغجة لةر, Kurdish orthography)
    "IQG15Q06N03": ["أتروش"],  # Atrush (OCHA ئةتريش)
    "IQG17Q03N02": ["الغراف"],  # Gharraf (OCHA القراف)
    "IQG07Q02N02": ["أبو غرق"],
    "IQG13Q01N04": ["العباسي"],
    "IQG15Q08": ["تل عفر"],
    "IQG16Q07": ["طوزخورماتو"],
    "IQG11Q06N03": ["حرير"],
    "IQG11Q05N07": ["حاج عمران"],
    "IQG09Q01N03": ["نيروة وريكان"],
    "IQG17Q04N03": ["سيد دخيل"],  # Said Dekhil (OCHA سيد خليل)
    "YE13": ["أمانة العاصمة", "صنعاء"],
}


def ocha_name_fix(pcode: str, name: str) -> list[str]:
    out = []
    if name.replace(" ", "").startswith("مركز") and not name.startswith("مركز "):
        name = "مركز " + name[4:]
    name = re.sub(r"(^| )ال (?=\S)", r"\1آل ", name)  # ال عبدالله -> آل عبدالله
    name = re.sub(r"^بلادال", "بلاد ال", name)
    # parenthesised / '+' / '/'-joined alternatives
    parts = re.split(r"[()+/]", name)
    parts = [p.strip() for p in parts if p.strip()]
    if len(parts) > 1:
        out.append(" و".join(parts) if "+" in name else parts[0])
        out.extend(parts)
    else:
        out.append(name)
    return out


def build_ocha(src: Path, path: str, prefix: str, cc: str, quals: dict, gn_admin1: dict,
               gn_map: dict) -> list[Entry]:
    rows = read_tsv(src / path)
    entries = []
    for r in rows:
        lvl = int(r["level"])
        pcode = r["pcode"]
        parent = f"country-{cc.lower()}" if lvl == 1 else f"{prefix}-{r['parent_pcode'].lower()}"
        e = Entry(f"{prefix}-{pcode.lower()}", "place", f"admin{lvl}", country=cc,
                  parent=parent, lat=fmt_coord(r["lat"]), lon=fmt_coord(r["lon"]),
                  pcode=pcode, name_en=r["name_en"],
                  priority={1: P_ADMIN1, 2: P_ADMIN2, 3: P_ADMIN3}[lvl])
        e.tier = "high" if lvl == 1 else "mid"
        e.small = lvl == 3
        e.qual = quals[lvl]
        e.level = lvl
        # a corrected spelling becomes canonical; the OCHA form stays an alias
        e.add(*OCHA_FIXES.get(pcode, []))
        e.add(*ocha_name_fix(pcode, r["name_ar"]))
        for a in (r.get("alt_names_ar") or "").split("|"):
            e.add(a.strip())
        # qualified forms (محافظة X, قضاء X, ناحية X, مديرية X, عزلة X)
        base = [clean(n) for n in e.raw_names]
        for b in base:
            if b and not b.startswith("مركز ") and not starts_with_place_noun(b):
                e.add(f"{quals[lvl]} {b}")
        if lvl == 1:
            for key, al in gn_admin1.items():
                if key[0] == cc and gn_map.get(key[1]) == pcode:
                    e.add(*al)
        entries.append(e)
    return entries


# --------------------------------------------------------------------------------------------
# GeoNames admin-1 of the other MENA countries
# --------------------------------------------------------------------------------------------
TYPE_QUAL = {"Governorate": "محافظة", "Province": "ولاية", "Region": "منطقة", "Emirate": "إمارة",
             "Popularate": "شعبية", "State": "ولاية", "Municipality": "بلدية", "District": "منطقة",
             "Island": "جزيرة", "City": "مدينة", "Prefecture": "عمالة"}
COUNTRY_TYPE_QUAL = {("IR", "Province"): "محافظة", ("MA", "Province"): "إقليم",
                     ("MA", "Region"): "جهة", ("DJ", "Region"): "إقليم", ("MR", "Region"): "ولاية",
                     ("SO", "Region"): "إقليم", ("MA", "Prefecture"): "عمالة"}
# Arabic names of admin-1 units the source gives none (or only Persian) for (facts).
# A leading "~" marks a context-only alias.
HAND_ADMIN1 = {
    # Turkey (provinces frequent in Syria/Iraq news)
    "TR-31": ["هاتاي", "لواء إسكندرون"], "TR-27": ["غازي عنتاب", "عنتاب"],
    "TR-63": ["شانلي أورفا", "أورفة", "أورفا"], "TR-79": ["كلس", "كيليس"],
    "TR-47": ["ماردين"], "TR-73": ["شرناق", "شرناخ"], "TR-30": ["هكاري"], "TR-01": ["أضنة"],
    "TR-33": ["مرسين"], "TR-80": ["عثمانية"], "TR-46": ["كهرمان مرعش", "مرعش"],
    "TR-21": ["ديار بكر"], "TR-72": ["باطمان"], "TR-34": ["إسطنبول", "اسطنبول"],
    "TR-06": ["أنقرة"], "TR-35": ["إزمير"], "TR-65": ["وان"], "TR-44": ["ملاطية"],
    "TR-02": ["أديامان"], "TR-42": ["قونية"], "TR-16": ["بورصة"], "TR-07": ["أنطاليا"],
    "TR-61": ["طرابزون"], "TR-38": ["قيصري"], "TR-25": ["أرضروم"], "TR-56": ["سعرت"],
    "TR-13": ["بدليس"], "TR-49": ["موش"], "TR-23": ["إلازيغ"], "TR-62": ["تونجلي"],
    "TR-12": ["بينغول"], "TR-55": ["سامسون"], "TR-26": ["إسكي شهير"], "TR-22": ["أدرنة"],
    "TR-41": ["كوجالي"], "TR-17": ["جناق قلعة"], "TR-54": ["سكاريا"],
    # Palestine (governorates without Arabic in the source)
    "PS-RFH": ["رفح"], "PS-DEB": ["دير البلح"], "PS-BTH": ["بيت لحم"], "PS-JEM": ["القدس"],
    "PS-RBH": ["رام الله والبيرة", "رام الله"], "PS-KYS": ["خان يونس"], "PS-GZA": ["غزة"],
    "PS-NGZ": ["شمال غزة"], "PS-JEN": ["جنين"], "PS-NBS": ["نابلس"], "PS-TKM": ["طولكرم"],
    "PS-TBS": ["طوباس"], "PS-SLT": ["سلفيت"],
    # Gulf, Cyprus
    "KW-MU": ["مبارك الكبير"], "KW-HA": ["حولي"], "KW-JA": ["الجهراء"], "KW-FA": ["الفروانية"],
    "KW-AH": ["الأحمدي"], "QA-SH": ["الشيحانية"],
    "CY-05": ["بافوس"], "CY-01": ["نيقوسيا"], "CY-02": ["ليماسول"], "CY-03": ["لارنكا"],
    "CY-06": ["كيرينيا"], "CY-04": ["فاماغوستا"],
    "JO-AM": ["العاصمة عمان"], "JO-MN": ["معان"], "JO-AZ": ["الزرقاء"], "JO-AT": ["الطفيلة"],
    "JO-MA": ["المفرق"], "JO-BA": ["البلقاء"], "JO-AJ": ["عجلون"], "JO-AQ": ["العقبة"],
    "LB-JL": ["جبل لبنان"], "LB-BA": ["بيروت"], "LB-AS": ["لبنان الشمالي", "~الشمال"],
    "LB-JA": ["لبنان الجنوبي", "~الجنوب"], "LB-BI": ["البقاع"], "LB-NA": ["النبطية"],
    "LB-AK": ["عكار"], "LB-BH": ["بعلبك الهرمل"],
    "EG-GZ": ["الجيزة"], "EG-BA": ["البحر الأحمر"], "SA-02": ["مكة المكرمة", "مكة"],
    "SA-03": ["المدينة المنورة"], "SA-06": ["حائل"],
    # Iran: Arabic news names of the provinces
    "IR-23": ["طهران"], "IR-19": ["زنجان"], "IR-21": ["يزد"], "IR-20": ["سمنان"],
    "IR-02": ["مازندران"], "IR-00": ["المركزية"], "IR-15": ["لرستان"],
    "IR-12": ["~كردستان", "كردستان الإيرانية"], "IR-17": ["كهكيلويه وبوير أحمد"],
    "IR-06": ["خوزستان", "الأهواز", "عربستان"], "IR-05": ["كرمانشاه"], "IR-08": ["كرمان"],
    "IR-16": ["إيلام"], "IR-22": ["هرمزغان"], "IR-13": ["همدان"], "IR-01": ["جيلان", "كيلان"],
    "IR-07": ["فارس"], "IR-14": ["جهارمحال وبختياري"], "IR-18": ["بوشهر"],
    "IR-03": ["أذربيجان الشرقية"], "IR-04": ["أذربيجان الغربية"], "IR-24": ["أردبيل"],
    "IR-10": ["أصفهان"], "IR-27": ["جلستان", "كلستان"], "IR-26": ["قزوين"], "IR-25": ["قم"],
    "IR-11": ["سيستان وبلوشستان", "سيستان وبلوجستان"], "IR-29": ["خراسان الجنوبية"],
    "IR-09": ["خراسان رضوي", "خراسان الرضوية"], "IR-28": ["خراسان الشمالية"],
    "IR-30": ["البرز"],
    "AF-KAB": ["كابل"], "AF-KAN": ["قندهار"], "AF-HEL": ["هلمند"], "AF-HER": ["هرات"],
    "AF-NAN": ["ننغرهار", "ننجرهار"], "AF-KDZ": ["قندوز"], "AF-BAL": ["بلخ"],
    "AF-GHA": ["غزني"], "AF-PKA": ["باكتيكا"], "AF-PIA": ["باكتيا"], "AF-KHO": ["خوست"],
    "AF-PAN": ["بنجشير"], "AF-BDS": ["بدخشان"], "AF-FRA": ["فراه"], "AF-URU": ["أوروزغان"],
    "AF-ZAB": ["زابل"], "AF-LOG": ["لوغر"], "AF-WAR": ["وردك", "ميدان وردك"],
    "AF-PAR": ["بروان"], "AF-KNR": ["كنر", "كونار"], "AF-NUR": ["نورستان"],
    "AF-LAG": ["لغمان"], "AF-KAP": ["كابيسا"], "AF-BAM": ["باميان"],
}
PERSIAN_ADMIN_COUNTRIES = {"IR", "AF"}  # source Arabic-script names there are Persian/Pashto


def read_gn_admin1(src: Path) -> list[dict]:
    return read_tsv(src / "geonames_me" / "subdivisions_admin1_me.tsv")


def build_mena_admin1(src: Path, rows: list[dict]) -> tuple[list[Entry], dict[str, str]]:
    """Returns entries and a map 'CC.code' (GeoNames admin code) -> entry id."""
    entries = []
    code_to_id: dict[str, str] = {}
    region_id: dict[str, str] = {}
    pending = []
    for r in rows:
        cc = r["iso3166_2"].split("-")[0]
        if cc in ("SY", "IQ", "YE"):
            continue
        iso = r["iso3166_2"]
        code = r["geonames_admin_code"]
        parts = code.split(".")
        lvl = 2 if len(parts) == 3 and cc != "PS" else 1  # PS governorates are ISO subdivisions
        e = Entry(f"adm1-{iso.lower()}" if lvl == 1 else f"adm2-{iso.lower()}", "place",
                  f"admin{lvl}", country=cc, geonames=r["geonameid"], name_en=r["name"],
                  priority=P_ADMIN1 if lvl == 1 else P_ADMIN2)
        e.tier = "high" if lvl == 1 else "mid"
        e.qual = COUNTRY_TYPE_QUAL.get((cc, r["type"]), TYPE_QUAL.get(r["type"], "محافظة"))
        e.foreign = cc not in REAL_GHAYN
        hand = HAND_ADMIN1.get(iso, [])
        for h in hand:
            if h.startswith("~"):
                e.forced_context.append(h[1:])
            else:
                e.add(h)
        if cc not in PERSIAN_ADMIN_COUNTRIES or not hand:
            names = [n.strip() for n in r["arabic_script_names"].split("|") if n.strip()]
            # prefer a bare name as canonical
            names.sort(key=lambda n: (strip_place_prefix(clean(n) or "") is not None, len(n)))
            for n in names:
                if cc in PERSIAN_ADMIN_COUNTRIES:
                    c = clean(n)
                    b = c and (strip_place_prefix(c) or c)
                    if b and len(b.split()) <= 2:
                        e.add(b)
                else:
                    e.add(n)
        if not e.raw_names and not e.forced_context:
            continue
        # qualified form
        for n in list(e.raw_names):
            c = clean(n)
            if c and strip_place_prefix(c) is None and not starts_with_place_noun(c):
                e.add(f"{e.qual} {c}")
        if lvl == 2:
            pending.append((e, f"{parts[0]}.{parts[1]}"))
        else:
            region_id[code] = e.id
            e.f["parent"] = f"country-{cc.lower()}"
        if e.finalize():
            entries.append(e)
            code_to_id[code] = e.id
    for e, rcode in pending:
        e.f["parent"] = region_id.get(rcode, f"country-{e.f['country'].lower()}")
    return entries, code_to_id


# --------------------------------------------------------------------------------------------
# Cities
# --------------------------------------------------------------------------------------------
# Capitals by ISO2, as GeoNames' English name (facts).
CAPITALS = {
    "AE": "Abu Dhabi", "AF": "Kabul", "AL": "Tirana", "AM": "Yerevan", "AO": "Luanda",
    "AR": "Buenos Aires", "AT": "Vienna", "AU": "Canberra", "AZ": "Baku", "BA": "Sarajevo",
    "BD": "Dhaka", "BE": "Brussels", "BF": "Ouagadougou", "BG": "Sofia", "BH": "Manama",
    "BI": "Gitega", "BJ": "Porto-Novo", "BN": "Bandar Seri Begawan", "BO": "Sucre",
    "BR": "Brasília", "BY": "Minsk", "CA": "Ottawa", "CD": "Kinshasa", "CF": "Bangui",
    "CG": "Brazzaville", "CH": "Bern", "CI": "Yamoussoukro", "CL": "Santiago", "CM": "Yaoundé",
    "CN": "Beijing", "CO": "Bogotá", "CU": "Havana", "CY": "Nicosia", "CZ": "Prague",
    "DE": "Berlin", "DJ": "Djibouti", "DK": "Copenhagen", "DZ": "Algiers", "EC": "Quito",
    "EE": "Tallinn", "EG": "Cairo", "ER": "Asmara", "ES": "Madrid", "ET": "Addis Ababa",
    "FI": "Helsinki", "FR": "Paris", "GA": "Libreville", "GB": "London", "GE": "Tbilisi",
    "GH": "Accra", "GM": "Banjul", "GN": "Conakry", "GR": "Athens", "HR": "Zagreb",
    "HU": "Budapest", "ID": "Jakarta", "IE": "Dublin", "IL": "Jerusalem", "IN": "New Delhi",
    "IQ": "Baghdad", "IR": "Tehran", "IS": "Reykjavík", "IT": "Rome", "JO": "Amman",
    "JP": "Tokyo", "KE": "Nairobi", "KG": "Bishkek", "KH": "Phnom Penh", "KM": "Moroni",
    "KP": "Pyongyang", "KR": "Seoul", "KW": "Kuwait City", "KZ": "Astana", "LB": "Beirut",
    "LK": "Colombo", "LR": "Monrovia", "LT": "Vilnius", "LU": "Luxembourg", "LV": "Riga",
    "LY": "Tripoli", "MA": "Rabat", "MD": "Chisinau", "ME": "Podgorica", "MG": "Antananarivo",
    "MK": "Skopje", "ML": "Bamako", "MM": "Nay Pyi Taw", "MN": "Ulaanbaatar",
    "MR": "Nouakchott", "MT": "Valletta", "MX": "Mexico City", "MY": "Kuala Lumpur",
    "MZ": "Maputo", "NE": "Niamey", "NG": "Abuja", "NL": "Amsterdam", "NO": "Oslo",
    "NP": "Kathmandu", "NZ": "Wellington", "OM": "Muscat", "PE": "Lima", "PH": "Manila",
    "PK": "Islamabad", "PL": "Warsaw", "PS": "Ramallah", "PT": "Lisbon", "PY": "Asunción",
    "QA": "Doha", "RO": "Bucharest", "RS": "Belgrade", "RU": "Moscow", "RW": "Kigali",
    "SA": "Riyadh", "SD": "Khartoum", "SE": "Stockholm", "SG": "Singapore", "SI": "Ljubljana",
    "SK": "Bratislava", "SL": "Freetown", "SN": "Dakar", "SO": "Mogadishu", "SS": "Juba",
    "SY": "Damascus", "TD": "N'Djamena", "TG": "Lomé", "TH": "Bangkok", "TJ": "Dushanbe",
    "TM": "Ashgabat", "TN": "Tunis", "TR": "Ankara", "TW": "Taipei", "TZ": "Dodoma",
    "UA": "Kyiv", "UG": "Kampala", "US": "Washington, D.C.", "UY": "Montevideo", "UZ": "Tashkent",
    "VA": "Vatican City", "VE": "Caracas", "VN": "Hanoi", "YE": "Sanaa", "ZA": "Pretoria",
    "ZM": "Lusaka", "ZW": "Harare", "XK": "Pristina", "MV": "Male", "MU": "Port Louis",
    "BT": "Thimphu", "LA": "Vientiane", "CR": "San José", "PA": "Panama City",
    "GT": "Guatemala City", "HN": "Tegucigalpa", "NI": "Managua", "SV": "San Salvador",
    "DO": "Santo Domingo", "HT": "Port-au-Prince", "JM": "Kingston", "BW": "Gaborone",
    "NA": "Windhoek", "MW": "Lilongwe", "LS": "Maseru", "SZ": "Mbabane", "GW": "Bissau",
    "GQ": "Malabo", "CV": "Praia", "ST": "São Tomé", "SC": "Victoria",
}
# Capitals the GeoNames extracts lack (facts: GeoNames id, coordinates, population).
HAND_CITIES = [
    dict(gid="4140963", cc="US", admin1="DC", name="Washington, D.C.",
         names=["واشنطن", "واشنطن العاصمة", "واشنطن دي سي"], lat="38.89511", lon="-77.03637",
         pop=689545),
]
CAPITAL_ALT_NAMES = {"Kyiv": {"Kyiv", "Kiev"}, "Sanaa": {"Sanaa", "Sana'a", "Sana’a"},
                     "Washington": {"Washington", "Washington, D.C."},
                     "Nay Pyi Taw": {"Nay Pyi Taw", "Naypyidaw"},
                     "Chisinau": {"Chisinau", "Chişinău"}, "Jerusalem": {"Jerusalem"},
                     "Astana": {"Astana", "Nur-Sultan"}, "Ulaanbaatar": {"Ulaanbaatar",
                                                                        "Ulan Bator"}}


# Canonical names of a few large cities whose GeoNames Arabic list puts a rare form first.
CITY_CANONICAL = {
    "109223": "المدينة المنورة", "2553604": "الدار البيضاء", "160263": "دار السلام",
    "1526273": "أستانا", "3169070": "روما", "379003": "الأبيض", "1214520": "ميدان",
    "2522013": "الجزيرة الخضراء", "2219905": "الخمس", "2502385": "بوسعادة", "119208": "قم", "4140963": "واشنطن", "172374": "الطبقة",
}


# Names news uses that the GeoNames extracts lack (facts; geonameid -> names): the Kurdish
# names of towns in north-east Syria, and spellings of the same name. Then, for capitals, cities
# of >= 1M people and the main cities of every region, the transliterations Arabic media use
# beside GeoNames' own (هيوستن/هيوستون, خاركوف/خاركيف, بكين/بيجين, سان بطرسبرغ/سانت بطرسبورغ):
# checked systematically, only the spellings GeoNames lacks are listed. A leading "~" makes the
# alias context-only (an ordinary word). Every alias still goes through `is_context_only`.
GN_EXTRA_ALIASES = {
    "172256": ["كوباني"], "165509": ["سري كانيه", "سري كانية"], "163750": ["كري سبي"],
    "165757": ["تربه سبي", "تربة سبي"], "173530": ["ديريك"], "172837": ["الشدادي"],
    "173797": ["الهول"], "172374": ["الطبقة"],
    "2657896": ["زيوريخ"],  # Zürich
    "2210247": ["طرابلس الغرب"],  # Tripoli (LY): its historical name
    "298333": ["أورفا", "أورفة", "الرها"],  # Şanlıurfa: Urfa, and Edessa (الرها) of history
    "246008": ["البتراء"],  # Wādī Mūsá: Petra
    "122285": ["نيشابور"],  # Nishapur
    "1856177": ["ناغازاكي", "نجازاكي"],  # Nagasaki
    "3020686": ["دنكيرك"],  # Dunkirk
    "5128581": ["نيو يورك", "مدينة نيويورك", "نيويورك سيتي"],  # New York City (US)
    "4699066": ["هيوستون"],  # Houston (US)
    "5308655": ["فينكس", "فونيكس"],  # Phoenix (US)
    "4560349": ["فلادلفيا"],  # Philadelphia (US)
    "4726206": ["سان أنتونيو"],  # San Antonio (US)
    "5391811": ["سان دييجو", "سان ديغو"],  # San Diego (US)
    "5392171": ["سان خوسيه"],  # San Jose (US)
    "5391959": ["سان فرانسسكو", "سان فرنسيسكو"],  # San Francisco (US)
    "5809844": ["سياتيل"],  # Seattle (US)
    "5419384": ["دينفر"],  # Denver (US)
    "4930956": ["بوستن"],  # Boston (US)
    "4990729": ["ديتروت"],  # Detroit (US)
    "5506956": ["لاس فيجاس", "لاس فيكاس"],  # Las Vegas (US)
    "4335045": ["نيو أورليانز", "نيو أورليانس", "نيوأورليانز", "نيو أورلينس"],  # New Orleans (US)
    "5037649": ["مينيابوليس", "منيابوليس"],  # Minneapolis (US)
    "5206379": ["بيتسبيرغ", "بتسبرغ"],  # Pittsburgh (US)
    "5746545": ["بورتلاند"],  # Portland (US)
    "5263045": ["ميلووكي"],  # Milwaukee (US)
    "5780993": ["سولت ليك سيتي"],  # Salt Lake City (US)
    "4990510": ["ديربون"],  # Dearborn (US)
    "5125771": ["منهاتن"],  # Manhattan (US)
    "6173331": ["فانكوفير"],  # Vancouver (CA)
    "6325494": ["كيبيك", "مدينة كيبيك"],  # Québec (CA)
    "3530597": ["مكسيكو سيتي", "مكسيكو"],  # Mexico City (MX)
    "4005539": ["جوادالاخارا"],  # Guadalajara (MX)
    "3448439": ["ساوباولو", "سان باولو"],  # São Paulo (BR)
    "3435910": ["بوينوس آيرس", "بوينس ايريس", "بوينوس أيرس"],  # Buenos Aires (AR)
    "3860259": ["قرطبة الأرجنتينية"],  # Córdoba (AR)
    "3674962": ["ميديين"],  # Medellín (CO)
    "3871336": ["سانتياجو"],  # Santiago (CL)
    "3646738": ["كراكاس"],  # Caracas (VE)
    "3911925": ["لا باز"],  # La Paz (BO)
    "3441575": ["مونتيفيديو", "مونتفيديو"],  # Montevideo (UY)
    "2655603": ["برمنغهام", "برمنجهام", "بيرمنغهام"],  # Birmingham (GB)
    "2650225": ["إدنبرغ"],  # Edinburgh (GB)
    "2641673": ["نيوكاسل"],  # Newcastle upon Tyne (GB)
    "2973783": ["ستراسبرغ"],  # Strasbourg (FR)
    "2825297": ["شتوتجارت"],  # Stuttgart (DE)
    "2934246": ["دوسيلدورف"],  # Düsseldorf (DE)
    "2879139": ["لايبزغ", "ليبزيغ"],  # Leipzig (DE)
    "2861650": ["نورنبرغ", "نورمبرغ"],  # Nuremberg (DE)
    "3165524": ["تورين"],  # Turin (IT)
    "3164603": ["فينيسيا"],  # Venice (IT)
    "2509954": ["فالنسيا"],  # Valencia (ES)
    "3128026": ["بيلباو"],  # Bilbao (ES)
    "2267057": ["ليسبون"],  # Lisbon (PT)
    "2766824": ["سالزبورج"],  # Salzburg (AT)
    "2711537": ["يوتيبوري"],  # Gothenburg (SE)
    "2618425": ["كوبنهاجن"],  # Copenhagen (DK)
    "734077": ["تسالونيكي"],  # Thessaloníki (GR)
    "785842": ["سكوبي", "سكوبيا"],  # Skopje (MK)
    "498817": ["سان بطرسبرغ", "سان بطرسبورغ", "سانت بطرسبورغ", "بطرسبرغ", "سان بيترسبرغ", "سانت بيترسبرغ", "سان بيترسبورغ", "سانت بيترسبورغ", "سان بطرس برغ"],  # Saint Petersburg (RU)
    "1486209": ["يكاترينبورغ", "إيكاترينبورغ", "يكاترينبرغ"],  # Yekaterinburg (RU)
    "1508291": ["تشيليابينسك"],  # Chelyabinsk (RU)
    "501175": ["روستوف", "روستوف على الدون", "روستوف نا دونو"],  # Rostov-on-Don (RU)
    "472757": ["ستالينغراد"],  # Volgograd (RU)
    "558418": ["جروزني"],  # Grozny (RU)
    "532096": ["محج قلعة"],  # Makhachkala (RU)
    "554234": ["كالينينجراد"],  # Kaliningrad (RU)
    "706483": ["خاركيف"],  # Kharkiv (UA)
    "709930": ["دنيبروبتروفسك", "دنيبروبيتروفسك"],  # Dnipro (UA)
    "709717": ["دونتسك"],  # Donetsk (UA)
    "687700": ["زابوريجيا", "زابوروجيا", "زابوريجيه"],  # Zaporizhzhya (UA)
    "702550": ["لفوف"],  # Lviv (UA)
    "702658": ["لوغانسك"],  # Luhansk (UA)
    "694423": ["سفاستوبول"],  # Sevastopol (UA)
    "693805": ["سيمفيروبول"],  # Simferopol (UA)
    "1526384": ["ألما آتا"],  # Almaty (KZ)
    "1816670": ["بيجين", "بيجينغ", "بيجنغ", "بيجينج"],  # Beijing (CN)
    "1796236": ["شنغهاي", "شنجهاي"],  # Shanghai (CN)
    "1809858": ["غوانغتشو", "قوانغتشو"],  # Guangzhou (CN)
    "1795565": ["شنتشن", "شنجن"],  # Shenzhen (CN)
    "1814906": ["تشونغ تشينغ"],  # Chongqing (CN)
    "1792947": ["تيانجن"],  # Tianjin (CN)
    "1815286": ["تشينغدو"],  # Chengdu (CN)
    "1799962": ["نانكين"],  # Nanjing (CN)
    "1790630": ["شي آن"],  # Xi’an (CN)
    "1808926": ["هانغجو"],  # Hangzhou (CN)
    "1529102": ["أورومكي", "أورمتشي"],  # Ürümqi (CN)
    "2037013": ["هاربين"],  # Harbin (CN)
    "1819729": ["هونكونغ", "هونغكونغ"],  # Hong Kong (HK)
    "1668341": ["تايبي"],  # Taipei (TW)
    "1863967": ["فوكواوكا"],  # Fukuoka (JP)
    "1835848": ["سول", "سيئول"],  # Seoul (KR)
    "1843564": ["انشيون"],  # Incheon (KR)
    "1871859": ["بيونغ يانغ", "بيونج يانج"],  # Pyongyang (KP)
    "2028462": ["أولانباتار"],  # Ulan Bator (MN)
    "1275339": ["مومبي"],  # Mumbai (IN)
    "1261481": ["نيو دلهي"],  # New Delhi (IN)
    "1264527": ["تشيني"],  # Chennai (IN)
    "1277333": ["بنغالورو", "بانغالور"],  # Bengaluru (IN)
    "1264733": ["لكناو"],  # Lucknow (IN)
    "1167528": ["كويتا"],  # Quetta (PK)
    "1298824": ["رانغون"],  # Yangon (MM)
    "1566083": ["سايغون"],  # Ho Chi Minh City (VN)
    "1735161": ["كوالا لمبور"],  # Kuala Lumpur (MY)
    "1642911": ["جاكرتا"],  # Jakarta (ID)
    "1138958": ["كابول"],  # Kabul (AF)
    "2158177": ["ميلبورن"],  # Melbourne (AU)
    "2174003": ["بريزبين"],  # Brisbane (AU)
    "2078025": ["أديلايد", "اديلايد"],  # Adelaide (AU)
    "2172517": ["كانبيرا"],  # Canberra (AU)
    "2179537": ["ولينغتون", "ويلنغتون"],  # Wellington (NZ)
    "2192362": ["كرايستشيرش", "كرايست تشيرش"],  # Christchurch (NZ)
    "993800": ["جوهانسبورغ"],  # Johannesburg (ZA)
    "3369157": ["كيبتاون"],  # Cape Town (ZA)
    "1007311": ["دربان"],  # Durban (ZA)
    "216281": ["جوما"],  # Goma (CD)
    "2449067": ["تومبوكتو"],  # Timbuktu (ML)
    "343300": ["أسمرا"],  # Asmara (ER)
    "756135": ["فرصوفيا", "فارسوفيا"],  # Warsaw (PL)
    "1651944": ["فيانتيان"],  # Vientiane (LA)
    "1821306": ["بنوم بن"],  # Phnom Penh (KH)
    "1221874": ["دوشانبي"],  # Dushanbe (TJ)
    "1528675": ["بشكيك"],  # Bishkek (KG)
    "933773": ["غابورون"],  # Gaborone (BW)
    "3598132": ["غواتيمالا سيتي"],  # Guatemala City (GT)
    "2800866": ["بروكسيل"],  # Brussels (BE)
    "2464470": ["تونس العاصمة"],  # Tunis (TN)
    "3718426": ["بورت أو برنس", "بور أو برنس"],  # Port-au-Prince (HT)
}
# GeoNames alternate names that name another place or are garbage (geonameid -> names).
GN_ALIAS_DROP = {
    "281184": {"اريئيل", "البلا", "لقدس", "قدس", "ساليم"},  # Jerusalem: Ariel is a settlement
    "286621": {"سلالة"},  # Salalah is صلالة; سلالة is "dynasty"
    "58994": {"جربة"},  # Garbahaarrey (Somalia): جربة is Djerba, Tunisia (places/world.tsv)
    "3466779": {"الأفعى ذات الجرس"},  # Cascavel: a translation ("rattlesnake"), not a name
    "358600": {"ناصر بوش سابقا"},  # Būsh: a note, not a name
    "2219701": {"النقاط الخمس"},  # Al Ajaylat: "the five points"
    "1528249": {"جلال آباد"},  # Manas, Kyrgyzstan: Jalalabad is in Afghanistan
    "120292": {"كرج"},  # Qods, Iran: Karaj is another city
    "4710826": {"مدينة موسكو"},  # Mesquite, Texas: not Moscow
}


def gn_dropped(gid: str, name: str) -> bool:
    """True when GN_ALIAS_DROP lists `name` for `gid` (compared cleaned and folded, so the
    source's hyphenated جلال-آباد matches جلال آباد)."""
    drop = GN_ALIAS_DROP.get(gid)
    if not drop:
        return False
    c = clean(name) or name.strip()
    return fold(c) in {fold(clean(d) or d) for d in drop}


def city_feature(pop: int, capital: bool) -> tuple[str, int]:
    if capital or pop >= 1_000_000:
        return ("city", P_CAPITAL)
    if pop >= 100_000:
        return ("city", P_CITY)
    if pop >= 10_000:
        return ("town", P_TOWN)
    return ("village", P_VILLAGE)


SKEL_AR = str.maketrans({
    "ب": "b", "ت": "t", "ث": "t", "ج": "k", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "k",
    "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "", "ي": "",
    "ا": "", "ء": "", " ": ""})
SKEL_EN = [("kh", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("gh", "k"),
           ("ph", "f"), ("ou", "u"), ("q", "k"), ("c", "k"), ("g", "k"), ("j", "k"), ("x", "ks"),
           ("v", "f"), ("p", "b"), ("w", ""), ("y", ""), ("a", ""), ("e", ""), ("i", ""),
           ("o", ""), ("u", "")]
EN_ARTICLE = re.compile(r"^(al|el|ar|as|ash|ad|at|az|an|ath|adh|ad|ed|es|et|er|en)[ -]")


def skeleton_ar(s: str) -> str:
    f = fold(s)
    f = " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in f.split())
    return f.translate(SKEL_AR)


def skeleton_en(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if c.isalpha() or c in " -")
    s = " ".join(EN_ARTICLE.sub("", w + " ").strip() for w in s.replace("-", " - ").split())
    s = s.replace(" ", "").replace("-", "")
    for a, b in SKEL_EN:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


def similarity(ar: str, en: str) -> float:
    a, e = re.sub(r"(.)\1+", r"\1", skeleton_ar(ar)), skeleton_en(en)
    if not a or not e:
        return 0.0
    return difflib.SequenceMatcher(None, a, e).ratio()


CURATED_NAMES: set[str] = set()  # folded names from the curated admin sources (OCHA, OpenSyria)


def canonical_order(names: list[str], name_en: str, tier: str = "mid") -> list[str]:
    """Order a GeoNames place's Arabic names: best canonical first -- a spelling the curated
    admin sources also use, unconditional, close to the English name's consonants, most
    hamza/ة information, longest."""
    def key(n: str):
        c = clean(n, 4) or ""
        prefixed = strip_place_prefix(c) is not None
        curated = bool(c) and fold(c) in CURATED_NAMES
        ctx = (not c) or is_context_only(c, tier, False)
        sim = similarity(c, name_en) if c else 0
        return (not c, prefixed, not curated, sim < 0.7, ctx, -info_score(c), -sim, -len(c))

    return sorted(names, key=key)


def build_cities(src: Path, admin1_code_map: dict[str, str]) -> list[Entry]:
    places: dict[str, dict] = {}
    for r in read_tsv(src / "geonames_me" / "cities500_me.tsv"):
        names = [n.strip() for n in r["arabic_script_names"].split("|") if n.strip()
                 and not gn_dropped(r["geonameid"], n)]
        if not names:
            continue
        places[r["geonameid"]] = dict(gid=r["geonameid"], cc=r["cc"], admin1=r["admin1"],
                                      name=r["name"], names=names, lat=r["lat"], lon=r["lon"],
                                      pop=int(float(r["population"] or 0)))
    for r in read_tsv(src / "geonames_world" / "cities15000_arabic.tsv"):
        names = [n.strip() for n in r["arabic_names"].split("|") if n.strip()
                 and not gn_dropped(r["geonameid"], n)]
        p = places.get(r["geonameid"])
        if p:  # present in both files: merge names
            for n in names:
                if n not in p["names"]:
                    p["names"].append(n)
            p["pop"] = max(p["pop"], int(float(r["population"] or 0)))
            continue
        places[r["geonameid"]] = dict(gid=r["geonameid"], cc=r["cc"], admin1=r["admin1"],
                                      name=r["name"], names=names, lat=r["lat"], lon=r["lon"],
                                      pop=int(float(r["population"] or 0)))
    for h in HAND_CITIES:
        places.setdefault(h["gid"], dict(h))
    # capitals: the most populous place of the country with the capital's English name
    capital_ids = set()
    for cc, cap in CAPITALS.items():
        wanted = CAPITAL_ALT_NAMES.get(cap, {cap})
        cands = [p for p in places.values() if p["cc"] == cc and p["name"] in wanted]
        if cands:
            capital_ids.add(max(cands, key=lambda p: p["pop"])["gid"])
    entries = []
    for p in sorted(places.values(), key=lambda p: (-p["pop"], int(p["gid"]))):
        capital = p["gid"] in capital_ids
        feature, prio = city_feature(p["pop"], capital)
        parent = admin1_code_map.get(f"{p['cc']}.{p['admin1']}", f"country-{p['cc'].lower()}")
        e = Entry(f"gn-{p['gid']}", "place", feature, country=p["cc"], parent=parent,
                  lat=fmt_coord(p["lat"]), lon=fmt_coord(p["lon"]),
                  population=p["pop"] if p["pop"] else "", geonames=p["gid"], name_en=p["name"],
                  priority=prio)
        e.tier = ("top" if prio == P_CAPITAL else "high") if feature == "city" else "mid"
        # Fame in English (wordfreq's Zipf >= 3.6 for the GeoNames name: New York, Geneva,
        # Zurich; not Khorugh or Salalah) tells a well-known city from a word that happens to
        # spell a small one.
        e.famous = p["cc"] not in MENA_CC and wordfreq.zipf_frequency(p["name"], "en") >= FAMOUS_EN
        if e.tier == "high" and p["cc"] not in MENA_CC:
            e.tier = "high-foreign"  # rule (e) at the lower threshold
        elif e.tier == "top" and p["cc"] not in MENA_CC and not capital:
            e.tier = "top-foreign"  # rule (e) at the high threshold
        e.small = (feature == "village" and p["pop"] < VILLAGE_POP) or (
            p["cc"] not in MENA_CC and p["pop"] < 100_000)
        e.max_words = 4
        e.foreign = "city" if p["cc"] not in REAL_GHAYN else False
        e.capital = capital
        e.admin1_id = admin1_code_map.get(f"{p['cc']}.{p['admin1']}")
        if p["gid"] in CITY_CANONICAL:
            e.add(CITY_CANONICAL[p["gid"]])
        e.add(*canonical_order(p["names"], p["name"], e.tier))
        for a in GN_EXTRA_ALIASES.get(p["gid"], []):
            if a.startswith("~"):
                e.forced_context.append(a[1:])
            else:
                e.add(a)
        entries.append(e)
    return entries


# --------------------------------------------------------------------------------------------
# Aleppo neighbourhoods
# --------------------------------------------------------------------------------------------
def build_aleppo(src: Path, aleppo_id: str) -> list[Entry]:
    entries = []
    for r in read_tsv(src / "syria_neighbourhoods" / "aleppo_city_neighbourhoods_ocha.tsv"):
        e = Entry(f"sy-aleppo-nbh-{r['pcode'].lower()}", "place", "neighbourhood", country="SY",
                  parent=aleppo_id, lat=fmt_coord(r["lat"]), lon=fmt_coord(r["lon"]),
                  pcode=r["pcode"], name_en=r["name_en"], priority=P_NEIGHBOURHOOD)
        e.tier = "mid"
        e.small = True
        for part in r["name_ar"].split("/"):
            e.add(part.strip())
        if e.finalize():
            entries.append(e)
    return entries


# --------------------------------------------------------------------------------------------
# Nationalities
# --------------------------------------------------------------------------------------------
# ISO2 -> (masculine singular nisba stems, broken plurals, English demonym). Facts.
DEMONYMS = {
    # Arab League
    "SY": (["سوري"], [], "Syrian"), "IQ": (["عراقي"], [], "Iraqi"),
    "LB": (["لبناني"], [], "Lebanese"), "JO": (["أردني"], [], "Jordanian"),
    "PS": (["فلسطيني"], [], "Palestinian"), "SA": (["سعودي"], [], "Saudi"),
    "YE": (["يمني"], [], "Yemeni"), "OM": (["عماني"], [], "Omani"),
    "AE": (["إماراتي"], [], "Emirati"), "QA": (["قطري"], [], "Qatari"),
    "BH": (["بحريني"], [], "Bahraini"), "KW": (["كويتي"], [], "Kuwaiti"),
    "EG": (["مصري"], [], "Egyptian"), "SD": (["سوداني"], [], "Sudanese"),
    "LY": (["ليبي"], [], "Libyan"), "TN": (["تونسي"], ["توانسة"], "Tunisian"),
    "DZ": (["جزائري"], [], "Algerian"), "MA": (["مغربي"], ["مغاربة"], "Moroccan"),
    "MR": (["موريتاني"], [], "Mauritanian"), "SO": (["صومالي"], [], "Somali"),
    "DJ": (["جيبوتي"], [], "Djiboutian"), "KM": (["قمري"], [], "Comorian"),
    # neighbours of the region
    "TR": (["تركي"], ["أتراك", "ترك"], "Turkish"), "IR": (["إيراني"], [], "Iranian"),
    "IL": (["إسرائيلي"], [], "Israeli"), "CY": (["قبرصي"], [], "Cypriot"),
    "ER": (["إريتري", "إرتري"], [], "Eritrean"), "ET": (["إثيوبي"], ["أحباش"], "Ethiopian"),
    "TD": (["تشادي"], [], "Chadian"), "NE": (["نيجري"], [], "Nigerien"),
    "SS": ([], [], "South Sudanese"),
    "AF": (["أفغاني"], ["أفغان"], "Afghan"), "PK": (["باكستاني"], [], "Pakistani"),
    "AM": (["أرمني"], ["أرمن"], "Armenian"), "AZ": (["أذربيجاني", "أذري"], [], "Azerbaijani"),
    "GE": (["جورجي"], [], "Georgian"), "GR": (["يوناني"], [], "Greek"),
    # Security Council permanent members
    "US": (["أمريكي", "أميركي"], ["أمريكان", "أميركان"], "American"),
    "RU": (["روسي"], ["روس"], "Russian"), "CN": (["صيني"], [], "Chinese"),
    "GB": (["بريطاني"], ["إنجليز", "إنكليز"], "British"), "FR": (["فرنسي"], [], "French"),
    # Europe
    "DE": (["ألماني"], ["ألمان"], "German"), "IT": (["إيطالي"], ["طليان"], "Italian"),
    "ES": (["إسباني"], ["إسبان"], "Spanish"), "PT": (["برتغالي"], [], "Portuguese"),
    "NL": (["هولندي"], [], "Dutch"), "BE": (["بلجيكي"], [], "Belgian"),
    "AT": (["نمساوي"], [], "Austrian"), "CH": (["سويسري"], [], "Swiss"),
    "SE": (["سويدي"], [], "Swedish"), "NO": (["نرويجي"], [], "Norwegian"),
    "DK": (["دنماركي", "دانماركي"], [], "Danish"), "FI": (["فنلندي"], [], "Finnish"),
    "IE": (["أيرلندي", "إيرلندي"], [], "Irish"), "PL": (["بولندي"], [], "Polish"),
    "UA": (["أوكراني"], [], "Ukrainian"), "BY": (["بيلاروسي"], [], "Belarusian"),
    "RO": (["روماني"], [], "Romanian"), "BG": (["بلغاري"], [], "Bulgarian"),
    "RS": (["صربي"], ["صرب"], "Serbian"), "HR": (["كرواتي"], ["كروات"], "Croatian"),
    "BA": (["بوسني"], ["بشناق"], "Bosnian"), "AL": (["ألباني"], ["ألبان"], "Albanian"),
    "XK": (["كوسوفي"], [], "Kosovar"), "HU": (["مجري", "هنغاري"], [], "Hungarian"),
    "CZ": (["تشيكي"], [], "Czech"), "SK": (["سلوفاكي"], [], "Slovak"),
    "SI": (["سلوفيني"], [], "Slovenian"), "MK": (["مقدوني"], [], "Macedonian"),
    "MD": (["مولدوفي"], [], "Moldovan"), "LT": (["ليتواني"], [], "Lithuanian"),
    "LV": (["لاتفي"], [], "Latvian"), "EE": (["إستوني"], [], "Estonian"),
    "MT": (["مالطي"], [], "Maltese"), "IS": (["آيسلندي"], [], "Icelandic"),
    "LU": (["لوكسمبورغي"], [], "Luxembourgish"),
    # Asia
    "KZ": (["كازاخستاني", "كازاخي"], [], "Kazakh"), "UZ": (["أوزبكي", "أوزبكستاني"], ["أوزبك"], "Uzbek"),
    "TJ": (["طاجيكي", "طاجيكستاني"], ["طاجيك"], "Tajik"), "TM": (["تركمانستاني"], [], "Turkmen (Turkmenistan)"),
    "KG": (["قرغيزي", "قيرغيزي"], [], "Kyrgyz"), "IN": (["هندي"], ["هنود"], "Indian"),
    "BD": (["بنغلاديشي", "بنغالي"], ["بنغال"], "Bangladeshi"), "LK": (["سريلانكي"], [], "Sri Lankan"),
    "NP": (["نيبالي"], [], "Nepali"), "ID": (["إندونيسي"], [], "Indonesian"),
    "MY": (["ماليزي"], [], "Malaysian"), "PH": (["فلبيني"], [], "Filipino"),
    "JP": (["ياباني"], [], "Japanese"), "KR": (["كوري"], [], "South Korean"),
    "KP": ([], [], "North Korean"), "TH": (["تايلندي", "تايلاندي"], [], "Thai"),
    "VN": (["فيتنامي"], [], "Vietnamese"), "MM": (["ميانماري", "بورمي"], [], "Burmese"),
    "MN": (["منغولي"], [], "Mongolian"), "TW": (["تايواني"], [], "Taiwanese"),
    "SG": (["سنغافوري"], [], "Singaporean"),
    # Americas, Oceania
    "CA": (["كندي"], [], "Canadian"), "MX": (["مكسيكي"], [], "Mexican"),
    "BR": (["برازيلي"], [], "Brazilian"), "AR": (["أرجنتيني"], [], "Argentine"),
    "VE": (["فنزويلي"], [], "Venezuelan"), "CU": (["كوبي"], [], "Cuban"),
    "CO": (["كولومبي"], [], "Colombian"), "CL": (["تشيلي"], [], "Chilean"),
    "PE": (["بيروفي"], [], "Peruvian"), "AU": (["أسترالي", "استرالي"], [], "Australian"),
    "NZ": (["نيوزيلندي"], [], "New Zealander"),
    # Africa
    "NG": (["نيجيري"], [], "Nigerian"), "KE": (["كيني"], [], "Kenyan"),
    "ZA": ([], [], "South African"), "SN": (["سنغالي"], [], "Senegalese"),
    "GH": (["غاني"], [], "Ghanaian"), "CM": (["كاميروني"], [], "Cameroonian"),
    "UG": (["أوغندي"], [], "Ugandan"), "TZ": (["تنزاني"], [], "Tanzanian"),
    "RW": (["رواندي"], [], "Rwandan"), "CD": (["كونغولي"], [], "Congolese"),
    "CI": (["إيفواري"], [], "Ivorian"), "GN": (["غيني"], [], "Guinean"),
    "BF": (["بوركيني"], [], "Burkinabe"), "MZ": (["موزمبيقي"], [], "Mozambican"),
    "AO": (["أنغولي"], [], "Angolan"), "ZW": (["زيمبابوي"], [], "Zimbabwean"),
    "ZM": (["زامبي"], [], "Zambian"), "MG": (["مدغشقري"], [], "Malagasy"),
    "GA": (["غابوني"], [], "Gabonese"), "BI": (["بوروندي"], [], "Burundian"),
    "BJ": (["بنيني"], [], "Beninese"), "TG": (["توغولي"], [], "Togolese"),
    "SL": (["سيراليوني"], [], "Sierra Leonean"), "LR": (["ليبيري"], [], "Liberian"),
    "GM": (["غامبي"], [], "Gambian"), "MU": (["موريشيوسي"], [], "Mauritian"),
    "NA": (["ناميبي"], [], "Namibian"), "BW": (["بوتسواني"], [], "Motswana"),
    "MW": (["مالاوي"], [], "Malawian"), "SC": (["سيشيلي"], [], "Seychellois"),
    "BO": (["بوليفي"], [], "Bolivian"), "EC": (["إكوادوري"], [], "Ecuadorian"),
    "UY": (["أوروغوياني"], [], "Uruguayan"), "PY": (["باراغوياني"], [], "Paraguayan"),
    "PA": (["بنمي"], [], "Panamanian"), "CR": (["كوستاريكي"], [], "Costa Rican"),
    "GT": (["غواتيمالي"], [], "Guatemalan"), "HN": (["هندوراسي"], [], "Honduran"),
    "NI": (["نيكاراغوي"], [], "Nicaraguan"), "SV": (["سلفادوري"], [], "Salvadoran"),
    "DO": (["دومينيكاني"], [], "Dominican"), "JM": (["جامايكي"], [], "Jamaican"),
    "KH": (["كمبودي"], [], "Cambodian"), "LA": (["لاوسي"], [], "Lao"),
    "MV": (["مالديفي"], [], "Maldivian"), "BN": (["بروناوي"], [], "Bruneian"),
    "BT": (["بوتاني"], [], "Bhutanese"), "ME": (["مونتينيغري"], [], "Montenegrin"),
    "MC": (["موناكي"], [], "Monegasque"), "AD": (["أندوري"], [], "Andorran"),
    "FJ": (["فيجي"], [], "Fijian"), "HT": (["هايتي"], [], "Haitian"),
    "TT": (["ترينيدادي"], [], "Trinidadian"), "PG": (["بابوي"], [], "Papua New Guinean"),
}
# Compound demonyms: explicit forms.
COMPOUND_DEMONYMS = {
    "SS": [("جنوب سوداني", "جنوب سودانية", "جنوب سودانيون", "جنوب سودانيين")],
    "KP": [("كوري شمالي", "كورية شمالية", "كوريون شماليون", "كوريين شماليين")],
    "KR": [("كوري جنوبي", "كورية جنوبية", "كوريون جنوبيون", "كوريين جنوبيين")],
    "ZA": [("جنوب أفريقي", "جنوب أفريقية", "جنوب أفريقيون", "جنوب أفريقيين")],
}
# Ethnic and ethno-religious groups written like nationalities in conflict news.
ETHNIC = [
    ("nat-kurd", "Kurdish", ["كردي", "كوردي"], ["أكراد", "كرد", "كورد"]),
    ("nat-turkmen", "Turkmen", ["تركماني"], ["تركمان"]),
    ("nat-arab", "Arab", ["عربي"], ["عرب"]),
    ("nat-assyrian", "Assyrian", ["آشوري", "آثوري"], []),
    ("nat-syriac", "Syriac", ["سرياني"], ["سريان"]),
    ("nat-chaldean", "Chaldean", ["كلداني"], ["كلدان"]),
    ("nat-yazidi", "Yazidi", ["إيزيدي", "يزيدي"], []),
    ("nat-druze", "Druze", ["درزي"], ["دروز"]),
    ("nat-circassian", "Circassian", ["شركسي"], ["شركس"]),
    ("nat-alawite", "Alawite", ["علوي"], []),
    ("nat-chechen", "Chechen", ["شيشاني"], ["شيشان"]),
    ("nat-uyghur", "Uyghur", ["إيغوري", "أويغوري", "تركستاني"], ["إيغور", "أويغور"]),
    ("nat-shabak", "Shabak", ["شبكي"], ["شبك"]),
    ("nat-amazigh", "Amazigh (Berber)", ["أمازيغي", "بربري"], ["أمازيغ", "بربر"]),
    ("nat-baloch", "Baloch", ["بلوشي"], ["بلوش"]),
    ("nat-pashtun", "Pashtun", ["بشتوني"], ["بشتون"]),
    ("nat-hazara", "Hazara", ["هزاري"], []),
    ("nat-tuareg", "Tuareg", ["طوارقي"], ["طوارق"]),
    ("nat-persian", "Persian", ["فارسي"], ["فرس"]),
    ("nat-rohingya", "Rohingya", [], ["روهينغا", "روهنغيا"]),
    # nations of the United Kingdom and Spain, named in sport and politics (تشيلسي الإنجليزي)
    ("nat-english", "English", ["إنجليزي", "إنكليزي", "انقليزي"], []),  # الإنجليز stays with nat-gb
    ("nat-scottish", "Scottish", ["اسكتلندي", "إسكتلندي", "اسكوتلندي"], []),
    ("nat-welsh", "Welsh", ["ويلزي"], []),
    ("nat-catalan", "Catalan", ["كتالوني", "كاتالوني"], []),
    ("nat-basque", "Basque", ["باسكي"], []),
    # supranational adjectives used like nationalities (قوات أوروبية, مقاتلون أفارقة)
    ("nat-european", "European", ["أوروبي", "أوربي"], []),
    ("nat-african", "African", ["أفريقي", "إفريقي"], ["أفارقة"]),
    ("nat-asian", "Asian", ["آسيوي"], []),
    ("nat-gulf", "Gulf Arab", ["خليجي"], []),
    ("nat-latin-american", "Latin American", ["لاتيني"], []),
]
# Forms of a nationality that are ordinary words: context-only (they do not fire bare).
NAT_CONTEXT = {fold(w) for w in ["فرس", "الفرس", "علوي", "العلوي", "علوية", "العلوية", "شبك",
                                 "الشبك", "شبكي", "الشبكي", "شبكية", "الشبكية", "قمري", "القمري",
                                 "قمرية", "القمرية", "بربري", "البربري", "بربرية", "البربرية"]}


def nisba_forms(stem: str) -> list[str]:
    """سوري -> سوري سورية سوريون سوريين سوريات سوريان سوريتان سوريتين and their ال- forms,
    plus the construct plural سوريو (سوريو الخارج, فلسطينيو الداخل)."""
    base = [stem, stem + "ة", stem + "ون", stem + "ين", stem + "ات", stem + "ان", stem + "تان",
            stem + "تين"]
    return base + ["ال" + b for b in base] + [stem + "و"]


def compound_forms(forms: tuple) -> list[str]:
    out = list(forms)
    for f in forms:
        out.append(" ".join("ال" + w for w in f.split()))
    return out


def build_nationalities(countries: dict[str, Entry]) -> list[Entry]:
    entries = []

    def make(id_, stems, plurals, name_en, cc, compounds=()):
        e = Entry(id_, "nationality", "", country=cc or "",
                  parent=f"country-{cc.lower()}" if cc else "", name_en=name_en)
        e.tier = "nationality"
        for s in stems:
            e.add(*nisba_forms(s))
        for p in plurals:
            e.add(p, "ال" + p)
        for c in compounds:
            e.add(*compound_forms(c))
        # context-only forms: these are ordinary words or, in the feminine, language names
        # (العربية, الفرنسية) and country names (سورية)
        e.forced_context = [x for x in e.raw_names if fold(x) in NAT_CONTEXT]
        e.raw_names = [x for x in e.raw_names if fold(x) not in NAT_CONTEXT]
        if e.finalize():
            entries.append(e)

    for cc, (stems, plurals, en) in DEMONYMS.items():
        if cc not in countries:
            continue
        make(f"nat-{cc.lower()}", stems, plurals, en, cc, COMPOUND_DEMONYMS.get(cc, ()))
    for id_, en, stems, plurals in ETHNIC:
        make(id_, stems, plurals, en, "")
    return entries


# --------------------------------------------------------------------------------------------
# Cross-file adjustments
# --------------------------------------------------------------------------------------------
def admin1_of(e: Entry, by_id: dict[str, Entry]) -> str | None:
    cur = e
    for _ in range(4):
        if cur.feature == "admin1":
            return cur.id
        cur = by_id.get(cur.f["parent"])
        if cur is None:
            return None
    return None


def mark_admin_seats(cities: list[Entry], admins: list[Entry]):
    """A village that shares its name with an admin-2/3 unit of its governorate is that unit's
    seat (الشدادي, القحطانية; GeoNames often has no population for them): rule (c), which
    makes single-word village names context-only, does not apply to it."""
    by_id = {e.id: e for e in admins}
    names: set[tuple[str, str]] = set()
    for a in admins:
        if a.feature in ("admin2", "admin3"):
            a1 = admin1_of(a, by_id)
            for k in a.all_folded():
                names.add((a1, strip_place_prefix(k) or k))
                if k.startswith("مركز "):
                    names.add((a1, k[5:]))
    for c in cities:
        if not c.small or c.admin1_id is None:
            continue
        for n in c.raw_names:
            cl = clean(n, 4)
            if cl and (c.admin1_id, fold(cl)) in names:
                c.small = False
                break


def bump_cities(cities: list[Entry], admins: list[Entry]):
    """A city/town/village that shares its name with an admin unit of the same admin-1 area
    (its seat) gets a priority just above that unit, so a bare الرقة resolves to the city."""
    by_id = {e.id: e for e in admins}
    index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for a in admins:
        for k in a.all_folded():
            index[(a.f["country"], k)].append(a)
    for c in cities:
        k = fold(c.name)
        best = None
        for a in index.get((c.f["country"], k), []):
            a1 = admin1_of(a, by_id)
            if c.admin1_id is None or a1 != c.admin1_id:
                continue
            if a.feature == "admin1" and c.feature == "village":
                continue
            p = int(a.f["priority"])
            best = p if best is None else max(best, p)
        if best is not None and best >= int(c.f["priority"]):
            c.f["priority"] = str(best + 1)


def map_gn_admin1(rows: list[dict], ocha_admin1: list[Entry], cc: str,
                  manual: dict[str, str]) -> dict[str, str]:
    """GeoNames admin code ('IQ.07') -> OCHA pcode by Arabic name, with manual fallbacks."""
    key_to_pcode = {}
    for e in ocha_admin1:
        for n in e.raw_names:
            c = clean(n)
            if c:
                key_to_pcode[fold(strip_place_prefix(c) or c)] = e.f["pcode"]
    out = {}
    for r in rows:
        if not r["iso3166_2"].startswith(cc + "-") or not r["geonames_admin_code"]:
            continue
        code = r["geonames_admin_code"]
        if r["iso3166_2"] in manual:
            out[code] = manual[r["iso3166_2"]]
            continue
        for n in r["arabic_script_names"].split("|"):
            c = clean(n)
            if c and fold(strip_place_prefix(c) or c) in key_to_pcode:
                out[code] = key_to_pcode[fold(strip_place_prefix(c) or c)]
                break
    return out


IQ_MANUAL = {"IQ-AR": "IQG11", "IQ-QA": "IQG05", "IQ-DQ": "IQG17", "IQ-BG": "IQG08",
             "IQ-NA": "IQG04", "IQ-AN": "IQG01", "IQ-DA": "IQG09", "IQ-SU": "IQG06"}
YE_MANUAL = {"YE-SA": "YE13", "YE-SN": "YE23", "YE-MA": "YE26", "YE-RA": "YE31",
             "YE-SU": "YE32", "YE-AB": "YE12", "YE-IB": "YE11", "YE-HJ": "YE17", "YE-DA": "YE30"}


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
def count_aliases(entries: list[Entry]) -> tuple[int, int, int, int]:
    """(name+alias strings over all entries, distinct folded strings, context-only strings over
    all entries, distinct folded strings that occur only as context aliases)."""
    pairs = sum(1 + len(e.aliases) + len(e.context) for e in entries)
    ctx_pairs = sum(len(e.context) for e in entries)
    keys, ctx = set(), set()
    for e in entries:
        keys.add(fold(e.name))
        keys.update(fold(a) for a in e.aliases)
        ctx.update(fold(a) for a in e.context)
    return pairs, len(keys | ctx), ctx_pairs, len(ctx - keys)


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    src = src.resolve()
    if not (src / "countries_ar").is_dir():
        print(f"source directory not found: {src}", file=sys.stderr)
        return 1
    global NAMES
    NAMES = Names(src)

    countries, by_cc = build_countries(src)
    nationalities = build_nationalities(by_cc)
    for e in nationalities:
        NATIONALITY_FORMS.update(e.all_folded())
    countries, by_cc = build_countries(src)

    gn_rows = read_gn_admin1(src)
    gn_admin1 = {}  # (cc, geonameid) -> [arabic names]   (for SY)
    gn_admin1_by_code = {}  # (cc, geonames code) -> names (IQ, YE)
    for r in gn_rows:
        cc = r["iso3166_2"].split("-")[0]
        names = [n.strip() for n in r["arabic_script_names"].split("|") if n.strip()]
        gn_admin1[(cc, r["geonameid"])] = names
        if r["geonames_admin_code"]:
            gn_admin1_by_code[(cc, r["geonames_admin_code"])] = names

    # Syria
    syria = build_syria(src, gn_admin1)
    sy_code_to_id = {}
    for r in gn_rows:
        if r["iso3166_2"].startswith("SY-"):
            for e in syria:
                if e.feature == "admin1" and e.f["geonames"] == r["geonameid"]:
                    sy_code_to_id[r["geonames_admin_code"]] = e.id

    # Iraq / Yemen: first pass to map GeoNames admin-1 codes to pcodes
    iraq = build_ocha(src, "iraq_cod_ab/iraq_admin1-3.tsv", "iq", "IQ",
                      {1: "محافظة", 2: "قضاء", 3: "ناحية"}, {}, {})
    yemen = build_ocha(src, "yemen_cod_ab/yemen_admin1-3.tsv", "ye", "YE",
                       {1: "محافظة", 2: "مديرية", 3: "عزلة"}, {}, {})
    iq_map = map_gn_admin1(gn_rows, [e for e in iraq if e.feature == "admin1"], "IQ", IQ_MANUAL)
    ye_map = map_gn_admin1(gn_rows, [e for e in yemen if e.feature == "admin1"], "YE", YE_MANUAL)
    iraq = build_ocha(src, "iraq_cod_ab/iraq_admin1-3.tsv", "iq", "IQ",
                      {1: "محافظة", 2: "قضاء", 3: "ناحية"}, gn_admin1_by_code, iq_map)
    yemen = build_ocha(src, "yemen_cod_ab/yemen_admin1-3.tsv", "ye", "YE",
                       {1: "محافظة", 2: "مديرية", 3: "عزلة"}, gn_admin1_by_code, ye_map)

    mena, mena_code_to_id = build_mena_admin1(src, gn_rows)

    admin1_code_map = dict(mena_code_to_id)
    admin1_code_map.update(sy_code_to_id)
    admin1_code_map.update({code: f"iq-{p.lower()}" for code, p in iq_map.items()})
    admin1_code_map.update({code: f"ye-{p.lower()}" for code, p in ye_map.items()})

    for group in (syria, iraq, yemen):
        for e in group:
            for n in e.raw_names:
                c = clean(n)
                if c:
                    CURATED_NAMES.add(fold(strip_place_prefix(c) or c))
    for e in mena + countries:
        CURATED_NAMES.update(fold(strip_place_prefix(x) or x) for x in [e.name, *e.aliases])
    cities = build_cities(src, admin1_code_map)

    # bare X for مركز X subdistricts, unless X is another entry's name/alias
    for group, cc in ((syria, "SY"), (iraq, "IQ")):
        taken = set()
        for e in group:
            for n in e.raw_names:
                c = clean(n)
                if c:
                    taken.add(fold(c))
                    b = strip_place_prefix(c)
                    if b:
                        taken.add(fold(b))
        for c in cities:
            if c.f["country"] == cc:
                for n in c.raw_names:
                    cl = clean(n, 4)
                    if cl:
                        taken.add(fold(cl))
        add_bare_markaz(group, taken)

    for group in (syria, iraq, yemen):
        kept = []
        for e in group:
            if e.finalize():
                kept.append(e)
            else:
                print(f"warning: no usable Arabic name for {e.id}", file=sys.stderr)
        group[:] = kept
    mark_admin_seats(cities, syria + iraq + yemen)
    cities = [c for c in cities if c.finalize()]

    bump_cities(cities, syria + iraq + yemen + mena)

    aleppo = next((c for c in cities if c.f["geonames"] == "170063"), None)
    aleppo_id = aleppo.id if aleppo else "sy-aleppo"
    aleppo_nbh = build_aleppo(src, aleppo_id)

    outputs = [
        (OUT_PLACES / "countries.tsv", countries,
         "countries_ar (CLDR 48.2, i18n-iso-countries 7.14.0, OCHA C&T taxonomy)"),
        (OUT_PLACES / "syria_admin.tsv", syria,
         "opensyria_admin/syria_admin1-3.tsv (OpenSyria; OCHA, geoBoundaries, GeoNames, Wikidata)"
         " + geonames_me/subdivisions_admin1_me.tsv"),
        (OUT_PLACES / "iraq_admin.tsv", iraq,
         "iraq_cod_ab/iraq_admin1-3.tsv (OCHA COD-AB) + geonames_me/subdivisions_admin1_me.tsv"),
        (OUT_PLACES / "yemen_admin.tsv", yemen,
         "yemen_cod_ab/yemen_admin1-3.tsv (OCHA COD-AB) + geonames_me/subdivisions_admin1_me.tsv"),
        (OUT_PLACES / "mena_admin1.tsv", mena, "geonames_me/subdivisions_admin1_me.tsv (GeoNames)"),
        (OUT_PLACES / "cities.tsv", cities,
         "geonames_me/cities500_me.tsv + geonames_world/cities15000_arabic.tsv (GeoNames)"),
        (OUT_PLACES / "aleppo_neighbourhoods.tsv", aleppo_nbh,
         "syria_neighbourhoods/aleppo_city_neighbourhoods_ocha.tsv (OCHA)"),
        (OUT_NAT, nationalities, "the demonym table in the script + countries_ar"),
    ]
    total_keys = set()
    totals = [0, 0, 0]
    print(f"{'file':45} {'entries':>7} {'aliases':>8} {'distinct':>8} {'context':>8}")
    for path, entries, sources in outputs:
        write_tsv(path, entries, sources)
        pairs, distinct, ctx_pairs, _ = count_aliases(entries)
        for e in entries:
            total_keys.update(e.all_folded())
        totals[0] += len(entries)
        totals[1] += pairs
        totals[2] += ctx_pairs
        print(f"{str(path.relative_to(REPO)):45} {len(entries):7} {pairs:8} {distinct:8} {ctx_pairs:8}")
    print(f"{'total':45} {totals[0]:7} {totals[1]:8} {len(total_keys):8} {totals[2]:8}")
    print("aliases = name + aliases + context_aliases of every entry (as rasd counts them);"
          " distinct = distinct folded strings; context = context-only aliases")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
