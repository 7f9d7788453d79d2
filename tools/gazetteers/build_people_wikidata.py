#!/usr/bin/env python3
"""Build gazetteers/people/wikidata_names.tsv: person full names from Wikidata labels.

Python 3.11, standard library only. Reads, from the source directory given as the first
argument (default: ../shared/data/gazetteer-sources relative to the repository root):

  * persons_ar/full_names_wikidata.tsv  -- arabic_key_normalized, latin, latin_lang, country,
    count: Arabic labels of Wikidata person items (CC0 1.0), normalised by the
    arabic-name-romanizer package (no diacritics, hamza-alef -> ا, ة -> ه).
  * persons_ar/name_units_wikidata.tsv  -- arabic_key_normalized, latin, country, role
    (given / surname / unknown), count: the name units of the same labels, used as evidence
    that the first word of a full name is a given name.

and every other entry file of the repository (gazetteers/**/*.tsv, this script's output
excepted) to drop names that are already an alias there.

A name is kept only when it is a real multi-word person name that will not fire on ordinary
text (the reasons are counted and printed):

  non_arabic       a letter outside the Arabic alphabet (Persian/Urdu/Kurdish letters, Latin,
                   digits, punctuation)
  word_count       fewer than 2 or more than 5 words (after a leading title such as سيد,
                   الحاج, الشيخ, ملا is stripped: the rest is how Arabic news writes the name)
  short_word       a one-letter word
  stop_word        a FUNCTION word anywhere (prepositions, pronouns, verbs, numbers, months
                   ...); a STOP word (titles, news nouns, adjectives; also every word of
                   gazetteers/rules/stopwords.txt and every trigger word of
                   gazetteers/rules/triggers.tsv except name prefixes) first, or later unless
                   it is a known surname use (SURNAME_OK: أحمد السيد, بطرس حرب, ... الله) or
                   follows a name link (عبد السلام, أبو طالب, آل ثاني); a STOP_PHRASE
                   (رحمه الله, آية الله); a first word of FIRST_STOP (بان, أما, اعتقال ...);
                   a name ending in علي (X على ... in text)
  ala_phrase       علي (على folds to it) followed by an ordinary word or a place (على
                   سلامة, على القصير); or علي X / Y علي الX where X does not look like a name
                   (a given name, a nisba in -ي, a Persian surname, خان, شاه)
  incomplete       the name ends in a name link (محمد عبد, أمال بنت)
  first_not_given  the first word is not a given name (Wikidata name units, role given,
                   summed count >= GIVEN_MIN) and not a name prefix (عبد, ابو, ابن) followed
                   by another word
  given_only       the whole name is one compound given name (عبد الرحمن, نور الدين, ابو بكر,
                   محمد علي as a given-name unit) or a generic kunya (ابو محمد): not one person
  all_common       every word (ال- stripped) is an ordinary word as well as a name (COMMON:
                   امل كريم, سلام عادل), so the phrase occurs in plain text
  clitic_shadow    clitic + first word is a more frequent given name (سام X inside بسام X)
  existing_alias   the folded name is already an alias of another gazetteer entry (curated
                   people, places, groups, organisations win)

Duplicates under rasd's folding merge into one entry: countries joined with `|`, name_en the
most frequent Latin form. Ids are `wdn-` + the first 10 hex digits of sha1(folded name).
Priority is -1, so a hand-curated entry sharing an alias always wins.

Usage: python3 tools/gazetteers/build_people_wikidata.py [SOURCE_DIR]
"""

from __future__ import annotations

import collections
import csv
import hashlib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_SRC = REPO / ".." / "shared" / "data" / "gazetteer-sources"
GAZ = REPO / "gazetteers"
OUT = GAZ / "people" / "wikidata_names.tsv"
OUT_REL = "gazetteers/people/wikidata_names.tsv"

GIVEN_MIN = 2          # summed Wikidata count for a first word to count as a given name
MIN_WORDS, MAX_WORDS = 2, 5
PRIORITY = -1

csv.field_size_limit(10**8)

# --------------------------------------------------------------------------------------------
# Folding, as rasd folds text (src/normalize.rs)
# --------------------------------------------------------------------------------------------
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
FOLD_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                          "ؤ": "و", "ئ": "ي"})
# Persian, Urdu, Kurdish letters: the name is not written the Arabic way.
NON_ARABIC_LETTERS = set("پچژگڤیکەۆھےۃںٹڈڑ")
ARABIC_WORDS = re.compile("^[ءابتثجحخدذرزسشصضطظعغفقكلمنهوي]+( [ءابتثجحخدذرزسشصضطظعغفقكلمنهوي]+)*$")


def clean(s: str) -> str:
    s = s.replace("\u200c", " ").replace("\u200d", "").replace("\u200f", "").replace("\u200e", "")
    s = MARKS.sub("", s)
    return " ".join(s.split())


def fold(s: str) -> str:
    return clean(s).translate(FOLD_MAP)


def fold_words(text: str) -> set[str]:
    return {fold(w) for w in text.split()} - {""}


# --------------------------------------------------------------------------------------------
# Word lists written for this script (plain spelling, folded on load)
# --------------------------------------------------------------------------------------------
# Function words, pronouns, frequent verbs, numbers, weekdays and months: a name with any of
# these anywhere is dropped. (على folds to علي, the given name: see ALI below.)
FUNCTION_TEXT = """
في من الى إلى عن مع منذ حتى خلال بين بعد قبل عند لدى نحو ضد دون حول عبر تحت فوق أمام خلف
وراء قرب داخل خارج ضمن لكن لكي كي أن إن أنه إنه أنها إنها كان كانت يكون تكون كانوا ليس ليست
لم لن لا ما ماذا لماذا متى أين كيف كم هل بل أو أم ثم إذا إذ إذن لو لولا قد لقد سوف سوى غير كل
بعض أي أيضا جدا فقط حيث حين بينما عندما كما مثل كذلك هنا هناك الآن اليوم أمس غدا
هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك الذي التي الذين اللذين اللتين اللواتي اللاتي
هو هي هم هن هما أنا نحن أنت أنتم إياه إياها نفس نفسه ذات ذاته عدة عدد
عليه عليها عليهم إليه إليها منه منها منهم فيه فيها له لها لهم به بها عنه عنها معه لديه
يا أيها نعم كلا ليت لعل
لك لي لنا منا بنا إني أني أمي وفي إلا والا جميع الكثير كثير عدم كنا مجرد نفسي الشخص
معلومات حساب طلب مين زي أكون هاي سنة سنه
عاد يعيش يموت يسلم أراد
قال قالت يقول تقول أكد أضاف أعلن ذكر أوضح صرح نقل أفاد تابع رأى اعتبر دعا نفى شدد كشف
جاء جاءت أصبح صار بات ظل زال يزال تم يتم جرى يجري قتل قتلى جرحى أصيب سقط شن هاجم وقع بدأ
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة
يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
واحد اثنان اثنين ثلاث ثلاثة أربع أربعة خمس خمسة ستة سبع سبعة ثمان ثمانية تسع تسعة عشرة عشر
مئة مائة ألف آلاف مليون
مليار أول الأول أولى الأولى الثاني الثانية ثالث الثالث آخر الآخر أخير الأخير الأخيرة
"""

# Content words that are not names, or are names only as a surname: a name is dropped when one
# of these is its first word, or a later word that is neither in SURNAME_OK nor right after a
# name prefix (عبد السلام, أبو طالب, آل ثاني are names; سلام عبد السلام is too).
STOP_TEXT = """
طالب شاهد
رئيس رئيسة الرئيس الرئيسة وزير وزيرة الوزير الوزيرة ملك الملك ملكة الملكة الأمير الأميرة
شيخ الشيخ الشيخة السيد السيدة سيدة إمام الإمام قائد القائد زعيم الزعيم نائب النائب مسؤول
المسؤول مدير المدير مستشار المستشار سفير السفير مبعوث المبعوث ناطق الناطق متحدث المتحدث
العميد العقيد اللواء الفريق المشير الجنرال عقيد مشير جنرال نقيب ملازم عريف جندي ضابط
السلطان باشا بيك الدكتور دكتور الأستاذ أستاذ المهندس مهندس الحاج القاضي المحامي
الصحفي صحفي الكاتب المحلل الناشط حاكم الحاكم الوالي محافظ المحافظ
مدينة المدينة بلدة قرية القرية منطقة المنطقة ريف محافظة دولة الدولة بلد البلد عاصمة العاصمة
حكومة الحكومة وزارة الوزارة جيش الجيش قوات القوات حزب الحزب حركة الحركة جماعة الجماعة تنظيم
التنظيم مجلس المجلس لجنة اللجنة هيئة الهيئة مكتب المكتب شركة الشركة جامعة الجامعة مدرسة
المدرسة مستشفى المستشفى مسجد المسجد كنيسة الكنيسة سوق السوق طريق الطريق شارع الشارع جسر
الجسر مطار المطار ميناء الميناء سجن السجن معبر المعبر حدود الحدود نهر النهر بحر البحر
جبل الجبل وادي الوادي بيت البيت دار الدار باب الباب برج البرج قصر القصر قلعة القلعة
يوم اليوم أيام عام العام سنة السنة شهر الشهر أسبوع الأسبوع ساعة الساعة دقيقة وقت الوقت
مرة المرة صباح الصباح مساء المساء ليلة الليلة ليل الليل نهار النهار ظهر الظهر عصر العصر
جديد الجديد جديدة الجديدة كبير الكبير كبيرة الكبيرة صغير الصغير قديم القديم الكبرى
شمال الشمال جنوب الجنوب شرق الشرق غرب الغرب وسط الوسط الأوسط شمالي جنوبي شرقي غربي
الشمالي الجنوبي الشرقي الغربي الشمالية الجنوبية الشرقية الغربية
عربي العربي عربية العربية دولي الدولي دولية الدولية وطني الوطني وطنية الوطنية
إسلامي الإسلامي إسلامية الإسلامية عسكري العسكري عسكرية العسكرية أمني الأمني أمنية الأمنية
سياسي السياسي سياسية السياسية شعبي الشعبي شعبية الشعبية الحر الحرة عامة العامة خاص الخاص
خاصة الخاصة أعلى الأعلى عليا العليا كبرى عظمى العظمى المتحدة الموحد
الحرب حرب السلام النصر الفتح ثورة الثورة نظام النظام شعب الشعب قتال القتال هجوم الهجوم
قصف القصف غارة الغارة غارات معركة المعركة اشتباك اشتباكات انفجار تفجير عملية العملية
عمليات اتفاق الاتفاق اتفاقية هدنة الهدنة تسوية مفاوضات محادثات اجتماع مؤتمر المؤتمر قمة
القمة بيان البيان تقرير التقرير خبر الخبر أخبار الأخبار وكالة الوكالة صحيفة الصحيفة قناة
القناة موقع الموقع مصدر المصدر مصادر شبكة الشبكة مرصد المرصد قرار القرار قانون القانون
دستور الدستور انتخابات الانتخابات برلمان البرلمان
ماء الماء مياه نار النار أرض الأرض سماء السماء الشمس القمر حياة الحياة موت الموت دم الدم
قلب القلب عقل يد رأس الرأس وجه الوجه
رجل الرجل امرأة المرأة طفل الطفل أطفال الأطفال شاب فتاة ولد الولد أب الأب أم الأم أخ أخت
ابنة أبناء أسرة الأسرة عائلة العائلة ناس الناس قوم أهل الأهل مواطن المواطن مواطنين لاجئ
لاجئين نازح نازحين سكان السكان المدنيين مدنيين
مال المال نفط النفط غاز الغاز سعر أسعار دولار الدولار ليرة دينار ريال جنيه درهم
حق الحق حقوق حرية الحرية عدل العدل عدالة العدالة الخير شر الشر
بلاد البلاد وطن الوطن أمة الأمة عالم العالم الدنيا دنيا
إله الإله رب الرب
أكبر أصغر أكثر أقل أفضل أسوأ أهم أشد
موقف الموقف وضع الوضع حال الحال أزمة الأزمة قضية القضية ملف الملف مسألة مشكلة
دعم الدعم مساعدة مساعدات إغاثة خطة الخطة مشروع المشروع برنامج البرنامج
حوالي قرابة تقريبا فيما مما عما ممن لما بما كلما طالما
الأسبق السابق السابقة الحالي المقبل الماضي الماضية القادم
عاجل العاجل فيديو صور صورة شاهد
رسول الرسول نبي النبي صلى رضي رحمه السلام تعالى سبحانه
"""

# Titles read off the front of a name (سيد حسن نصر الله -> حسن نصر الله). Arabic news writes
# the title as a separate trigger word, so the rest is the name to match.
TITLE_TEXT = """
سيد السيد حاج الحاج حاجي شيخ الشيخ ملا الملا مولانا مولوي دكتور الدكتور پروفيسور پروفيسر
بروفيسور البروفيسور استاذ الأستاذ مهندس المهندس آية آيت حجة
"""

# Multi-word stop phrases (folded substrings of the whole name).
STOP_PHRASES = ["آية الله", "حجة الإسلام", "صلى الله", "رضي الله", "عليه السلام", "رحمه الله",
                "بسم الله", "إن شاء", "ما شاء", "الحمد لله", "لا إله", "رسول الله", "نبي الله"]

# Stop words that are also family names (ملك, أكبر, حرب, المصري, السيد, الحاج ...): allowed
# after the first word. ("أحمد السيد" is a name; "السيد أحمد" is a title and a name.) الله
# is here for compounds: رزق الله, شكر الله, فضل الله.
SURNAME_OK_TEXT = """
ملك أكبر أصغر أفضل شاهد طالب عالم العالم خلف حرب عقل بحر السيد الحاج الشيخ الملا القاضي المفتي
النقيب الوزير الزعيم العسكري عسكري الكاتب الشاعر المهندس الشعبي العدل الصغير الكبير صغير كبير
جديد الغربي الشرقي الشمالي الجنوبي غربي شرقي المصري العربي عربي العراقي التركي السوداني الليبي
السوري اللبناني الفلسطيني الأردني اليمني التونسي المغربي الجزائري السعودي الكويتي القطري
الإماراتي الإيراني الكردي الحق السلام الصباح صباح ثاني باشا بيك إمام دنيا الحر إسلامي المقدم
الوالي بيان الخميس ليلة سيدة ذو ذي الله
"""

# Words after which the next word belongs to the name whatever it is (function words aside):
# عبد الإله, أبو الخير, آل ثاني, ولد سيدي, بنت الشاطئ.
NAME_LINKS_TEXT = """
عبد أبو أبي أبا أم ابن بن بنت آل ولد بو ذو ذي
"""

# Ordinary words that are also names. A name made only of these (ال- stripped) reads as a
# phrase of plain Arabic (سلام عادل "a just peace", أمل كبير) and is dropped; one of them next
# to a real name (أمل عرفة) is fine.
COMMON_TEXT = """
أمل سلام نور كريم جميل سعيد عادل أمين حسن صالح فرح منير رضا وفاء هدى حياة سامي عالي غالي شريف
نبيل فاضل ماجد مجيد راشد رشيد حكيم حليم رحيم كمال جمال ناصر نصر منصور فائز فايز ناجح ناجي
سالم سليم عزيز لطيف طيب مبارك بشير نذير صابر شاكر حامد أسد نمر ذيب صقر
باسل بدر هلال قمر شمس نجم نجمة ورد وردة زهرة ياسمين فجر ضياء بهاء صفاء نقاء وئام هناء سعادة
إيمان إسلام إحسان ابتسام انتصار اعتدال سلوى رجاء دعاء ثناء سناء رحمة نعمة بركات بركة خير
فضل عز عزة شرف كرامة وحيد فريد مختار منتصر مظفر ظافر غالب صادق
وديع لبيب أديب شهيد مجاهد عابد ساجد راضي مرضي محبوب حبيب عاشق حر حرة نبيلة جميلة كريمة سعيدة
أمينة صالحة فاضلة عزيزة لطيفة طيبة مباركة حسنة سليمة سالمة منيرة زكي زكية تقي نقي وفي صافي
صافية هادي هادئ هادئة رائد قائد واعد وعد أماني أمنية منى مني حنان حنين دلال جمان لؤلؤة ماس
ذهب فضة شهد عسل سكر غيث مطر سحاب غمام ربيع خريف صيف شتاء شتوي بحري جبلي سهلي ريفي
فلاح زارع صانع تاجر خياط نجار حداد عطار حلاق طباخ خباز جزار سائق حارس كاتب شاعر
عالم فهيم ذكي عاقل مؤمن مسلم معين نصير ظاهر باهر زاهر طاهر
عماد سند ركن ثابت ماهر قادر قدير مقتدر واثق منيب تائب
كامل عهد جيل وعد فوز نشاط تمام قبول حارس وكيل أنصار أحمر أبيض أسود أخضر شامل روح ذكرى
بركة سلامة بحر سفينة حرم شكر سبع ثور كافي حمام بشر ضيف معلم فضل خطير جمال عمري جراح والي عيد
نجم خطاب أحسن شرف تونسي غربي شرقي شمالي ساحلي حياتي مدن كنز بيبي تاج
"""

# Ordinary words that cannot start a name even before a real surname: function words or
# frequent nouns that happen to be given names somewhere (بان "appeared"/بأن, أما, أمر,
# إلينا, أليس, اعتقال, احترام ...).
FIRST_STOP_TEXT = """
بان فان لنا أما أمر إني أني تري أليس إلينا الفرد اعتقال احترام تسليم تصور علاوة مطلوب حاجة
الحاجة تفضل حسنا ساحل مانع زر اليمين اليسار معظم مرات سورة ست ذكاء عرش خيال فرد نجوم صاحب
آل ال
"""

# Names that are something else first (a monument ...).
DROP_NAMES = ["تاج محل", "صدر أعظم"]

NAME_PREFIXES = {"عبد", "ابو", "ابن"}   # folded: أبو -> ابو
# على (on) folds to علي (Ali): a name ending in علي would fire on "X على" (ردّ أحمد على ...).
ALI = "علي"


def build_stop(repo_gaz: Path) -> tuple[set[str], int, int]:
    """STOP plus the rule layer's stop words and trigger words (name prefixes excepted)."""
    stop = fold_words(STOP_TEXT) | fold_words(FUNCTION_TEXT)
    n_sw = n_tr = 0
    sw = repo_gaz / "rules" / "stopwords.txt"
    if sw.exists():
        for line in sw.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                f = fold(line)
                if f and " " not in f:
                    stop.add(f)
                    n_sw += 1
    tr = repo_gaz / "rules" / "triggers.tsv"
    if tr.exists():
        for row in read_tsv(tr):
            if row.get("class") == "name_prefix":
                continue
            f = fold(row.get("trigger", ""))
            if f and " " not in f:
                stop.add(f)
                n_tr += 1
    stop.discard(ALI)
    return stop, n_sw, n_tr


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a rasd TSV file: comments and blank lines skipped, first other line = header."""
    rows = []
    header = None
    with open(path, encoding="utf-8", newline="") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rows.append(dict(zip(header, cells)))
    return rows


def existing_aliases(gaz: Path, own: Path) -> tuple[set[str], set[str], int]:
    """Folded `name`, `aliases`, `context_aliases` (and trigger) cells of every entry file, and
    the one-word aliases of places among them."""
    seen: set[str] = set()
    place_words: set[str] = set()
    files = 0
    for p in sorted(gaz.rglob("*.tsv")):
        if p.resolve() == own.resolve():
            continue
        files += 1
        for row in read_tsv(p):
            for col in ("name", "aliases", "context_aliases", "trigger"):
                for cell in (row.get(col) or "").split("|"):
                    f = fold(cell)
                    if f:
                        seen.add(f)
                        if row.get("kind") == "place" and " " not in f:
                            place_words.add(f)
    return seen, place_words, files


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------
def load_units(path: Path) -> tuple[collections.Counter, collections.Counter]:
    given: collections.Counter = collections.Counter()
    surname: collections.Counter = collections.Counter()
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            key = fold(r["arabic_key_normalized"])
            try:
                n = int(r["count"])
            except (TypeError, ValueError):
                n = 1
            if r["role"] == "given":
                given[key] += n
            elif r["role"] == "surname":
                surname[key] += n
    return given, surname


ISO2 = re.compile("^[A-Z]{2}$")


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else DEFAULT_SRC
    src = src.resolve()
    full_path = src / "persons_ar" / "full_names_wikidata.tsv"
    units_path = src / "persons_ar" / "name_units_wikidata.tsv"
    if not full_path.exists() or not units_path.exists():
        print(f"source files not found under {src}/persons_ar", file=sys.stderr)
        return 1

    given, surname = load_units(units_path)
    stop, n_sw, n_tr = build_stop(GAZ)
    stop_phrases = [fold(p) for p in STOP_PHRASES]
    function = fold_words(FUNCTION_TEXT) - {ALI}
    surname_ok = fold_words(SURNAME_OK_TEXT)
    links = fold_words(NAME_LINKS_TEXT)
    first_stop = fold_words(FIRST_STOP_TEXT)
    drop_names = {fold(n) for n in DROP_NAMES}
    titles = fold_words(TITLE_TEXT)
    common = fold_words(COMMON_TEXT)
    existing, place_words, n_files = existing_aliases(GAZ, OUT)

    def is_given(w: str) -> bool:
        return given.get(w, 0) >= GIVEN_MIN

    def name_like_after_ali(w: str) -> bool:
        """A word after علي that reads as a name, not as a noun after على: a given name (علي
        حسين), a nisba (علي التميمي, علي لاريجاني), a Persian surname (علي عليزاده)."""
        if w in links or w in ("خان", "شاه"):
            return True
        if is_given(w) and given.get(w, 0) >= surname.get(w, 0):
            return True
        if len(w) > 3 and w.endswith("ي"):
            return True
        return w.endswith(("زاده", "يان", "فر", "نيا", "وند"))

    def bare(w: str) -> str:
        return w[2:] if w.startswith("ال") and len(w) > 3 else w

    def reason(words: list[str], folded: str) -> str | None:
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            return "word_count"
        if any(len(w) < 2 for w in words):
            return "short_word"
        if any(w in function for w in words) or any(
            f" {p} " in f" {folded} " for p in stop_phrases
        ):
            return "stop_word"
        for i, w in enumerate(words):
            if w in stop and (i == 0 or not (w in surname_ok or words[i - 1] in links)):
                return "stop_word"
        if words[-1] == ALI:
            return "stop_word"
        if words[0] in first_stop or folded in drop_names:
            return "stop_word"
        # على X: the word after علي must not be an ordinary word or a place (على القصير); when
        # it ends the name (علي X, or Y علي الX), it must look like a name, not like a noun
        for i, w in enumerate(words[:-1]):
            if w == ALI:
                nxt = words[i + 1]
                if (nxt in common or bare(nxt) in common or nxt in stop
                        or (nxt in place_words and nxt not in links and not is_given(nxt))):
                    return "ala_phrase"
                last = i + 1 == len(words) - 1
                if last and (i == 0 or (nxt.startswith("ال") and words[i - 1] not in links)):
                    if not name_like_after_ali(nxt):
                        return "ala_phrase"
        if words[-1] in links:
            return "incomplete"
        first = words[0]
        if not (is_given(first) or first in NAME_PREFIXES):
            return "first_not_given"
        # one compound given name, not a person: عبد الرحمن, نور الدين, ابو بكر, ابو محمد
        if first == "عبد" and len(words) == 2:
            return "given_only"
        if first in NAME_PREFIXES and len(words) == 2 and is_given(words[1]):
            return "given_only"
        if given.get(folded, 0) > surname.get(folded, 0) and given.get(folded, 0) >= GIVEN_MIN:
            return "given_only"
        if len(words) == 2 and words[1] in ("الدين", "الله"):
            return "given_only"
        if all(bare(w) in common or w in common for w in words):
            return "all_common"
        # rasd also matches after a proclitic: سام X would fire inside بسام X
        g = given.get(first, 0)
        for c in "وفبلك":
            if given.get(c + first, 0) > max(g, 10):
                return "clitic_shadow"
        if folded in existing:
            return "existing_alias"
        return None

    rows_read = 0
    row_reasons: collections.Counter = collections.Counter()
    titles_stripped = 0
    # folded name -> data
    spellings: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    latin: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    countries: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    name_reason: dict[str, str | None] = {}
    with open(full_path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows_read += 1
            raw = clean(r["arabic_key_normalized"] or "")
            if any(ch in NON_ARABIC_LETTERS for ch in raw) or not ARABIC_WORDS.match(fold(raw)):
                row_reasons["non_arabic"] += 1
                continue
            words = raw.split()
            stripped = False
            while len(words) > 2 and fold(words[0]) in titles:
                words = words[1:]
                stripped = True
            raw = " ".join(words)
            folded = fold(raw)
            fw = folded.split()
            if folded not in name_reason:
                name_reason[folded] = reason(fw, folded)
            why = name_reason[folded]
            if why:
                row_reasons[why] += 1
                continue
            titles_stripped += stripped
            try:
                n = max(1, int(r["count"]))
            except (TypeError, ValueError):
                n = 1
            spellings[folded][raw] += n
            lat = " ".join((r["latin"] or "").split())
            if lat:
                latin[folded][lat] += n
            cc = (r["country"] or "").strip().upper()
            if ISO2.match(cc):
                countries[folded][cc] += n

    kept = sorted(spellings)
    ids: dict[str, str] = {}
    out_rows = []
    for folded in kept:
        h = hashlib.sha1(folded.encode("utf-8")).hexdigest()
        ident = "wdn-" + h[:10]
        k = 10
        while ident in ids:  # never seen in practice; keep ids unique anyway
            k += 1
            ident = "wdn-" + h[:k]
        ids[ident] = folded
        name = max(spellings[folded].items(), key=lambda kv: (kv[1], kv[0]))[0]
        en = ""
        if latin[folded]:
            en = max(latin[folded].items(), key=lambda kv: (kv[1], [-ord(c) for c in kv[0]]))[0]
        ccs = "|".join(sorted(countries[folded]))
        out_rows.append((ident, "person", name, ccs, en.replace("\t", " "), str(PRIORITY)))
    out_rows.sort(key=lambda r: (fold(r[2]), r[0]))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# GENERATED by tools/gazetteers/build_people_wikidata.py from "
                "persons_ar/full_names_wikidata.tsv (Wikidata, CC0) — do not edit\n")
        f.write("# Person full names of Wikidata items (labels normalised by arabic-name-romanizer: "
                "ة written ه, hamza-alef written ا; rasd folds both). Priority -1: a hand-curated "
                "person sharing a name wins.\n")
        f.write("id\tkind\tname\tcountry\tname_en\tpriority\n")
        for row in out_rows:
            f.write("\t".join(row) + "\n")

    distinct = len(name_reason)
    by_name = collections.Counter(v for v in name_reason.values() if v)
    print(f"source: {full_path}")
    print(f"stop words: {len(stop)} ({n_sw} from rules/stopwords.txt, {n_tr} trigger words); "
          f"existing aliases: {len(existing)} folded, from {n_files} files")
    print(f"rows read: {rows_read}")
    print(f"rows dropped non_arabic: {row_reasons['non_arabic']}")
    print(f"distinct folded names (Arabic letters only): {distinct}")
    order = ["word_count", "short_word", "stop_word", "ala_phrase", "incomplete",
             "first_not_given", "given_only",
             "all_common", "clitic_shadow", "existing_alias"]
    for why in order:
        print(f"  dropped {why:16s} names {by_name[why]:6d}   rows {row_reasons[why]:6d}")
    kept_rows = rows_read - sum(row_reasons.values())
    print(f"kept: {len(out_rows)} entries from {kept_rows} rows "
          f"({titles_stripped} rows had a leading title stripped)")
    print(f"wrote {OUT_REL}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
