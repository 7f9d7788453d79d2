#!/usr/bin/env python3
"""Build the given-name and family-name lists of the rasd rule layer.

Reads (Python 3.11, standard library only):
  * name_units_wikidata.tsv  -- Arabic name units from Wikidata person labels (CC0 1.0),
    as exported by the arabic-name-romanizer package. Columns: arabic_key_normalized,
    latin, country, role (given / surname / unknown), count.
  * arabnamer_en_ar_names.tsv -- Latin -> Arabic name pairs of the arabnamer dictionary
    (Yousef, E., 2026, https://github.com/sayedyousef/arabnamer, CC BY 4.0).

Writes gazetteers/names/given.txt, family.txt and foreign_given.txt (the given names known only
from arabnamer's Latin pairs, i.e. of other languages: ألكسندر، فرانشيسكا): one name per line,
folded the way rasd folds text (no diacritics or tatweel, alef/hamza forms -> ا, ة -> ه,
ى -> ي, ؤ -> و, ئ -> ي), Arabic letters only, sorted.

A Wikidata unit is kept when its counts sum to >= MIN_COUNT for that role, or when the
same folded string is in arabnamer. An arabnamer name absent from Wikidata is kept when
its form tells the role (ال-/آل-/بن- prefix -> family; عبد/أبو compounds, -الدين/-الله
-> given) or when its Latin spelling is a Wikidata unit of exactly one role. Names with
Persian/Urdu/Kurdish letters and common Arabic words (STOP below) are dropped.

Frequency filter (needs wordfreq 3.1.1, `pip install wordfreq==3.1.1`): a one-word name that is
frequent in Arabic text (Zipf >= 4.0) is mostly a plain word (رقم، صاحب، منصب) unless people are
named by it often: it is kept only when its Wikidata unit count is at least 10^(Zipf - 3.5)
(محمد, رمضان), or when it is a foreign name, not an Arabic word, whose Latin spelling is a frequent
English word (بيتر Peter, جيمس James: Arabic Zipf < 5, no article, English Zipf >= 3.3).

Usage: python3 tools/gazetteers/build_names.py [--src DIR] [--out DIR]
"""

import argparse
import collections
import csv
import re
import sys
from pathlib import Path

DEFAULT_SRC = Path("/work/shared/data/gazetteer-sources/persons_ar")
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "gazetteers" / "names"
MIN_COUNT = 3

DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Letters of Persian, Urdu, Kurdish, Pashto ... that Arabic does not use.
NON_ARABIC = re.compile("[\u067e\u0686\u0698\u06af\u06a4\u06cc\u06a9\u06d5\u06c6\u06be\u06d2"
                        "\u0679\u0688\u0691\u06ba\u06c1\u06c3\u06d0\u06b5\u06ce\u0695\u06c7"
                        "\u06c8\u06cb\u06bb\u067a\u067b\u067d\u067f\u0680\u0681-\u0685\u0687"
                        "\u0689-\u0690\u0692-\u0697\u0699-\u06a3\u06a5-\u06a8\u06aa-\u06ae"
                        "\u06b0-\u06b4\u06b6-\u06b9\u06bc\u06bd\u06bf-\u06c5\u06c9\u06ca"
                        "\u06cd\u06cf\u06d1\u06d3\u0620\u063b-\u063f\u066e\u066f\u0671-\u0678]")
ARABIC_ONLY = re.compile("^[\u0621-\u063a\u0641-\u064a]+( [\u0621-\u063a\u0641-\u064a]+)*$")


def fold(s: str) -> str:
    s = DIACRITICS.sub("", s.strip())
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    s = s.replace("\u200c", "").replace("\u200d", "")
    return re.sub(r"\s+", " ", s)


# Common Arabic words that must never be read as a name: function words, pronouns, frequent
# verbs and news nouns, titles, numbers, months and weekdays. Written plainly, folded on load.
STOP_TEXT = """
من إلى الى عن على علي في مع منذ حتى خلال بين بعد قبل عند لدى نحو ضد دون حول عبر تحت فوق أمام
خلف وراء قرب داخل خارج ضمن لدي لكن لكي كي أن إن أنه إنه أنها إنها كان كانت يكون تكون كانوا
ليس ليست لم لن لا ما ماذا لماذا متى أين كيف كم هل بل أو أم ثم إذا إذ إذن لو لولا قد لقد سوف
سوى غير كل بعض أي أيضا جدا فقط حيث حين بينما عندما كما مثل مثلا كذلك هنا هناك هنالك الآن
اليوم أمس غدا هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك الذي التي الذين اللذين اللتين اللواتي
اللاتي هو هي هم هن هما أنا نحن أنت أنتم أنتما إياه إياها إياهم نفس نفسه ذات ذاته عدة عدد
قال قالت يقول تقول قالوا أكد أكدت يؤكد أضاف أضافت يضيف أشار أشارت يشير أعلن أعلنت يعلن ذكر
ذكرت يذكر أوضح أوضحت صرح صرحت نقل نقلت أفاد أفادت تابع تابعت لفت لفتت رأى يرى اعتبر
أفاد أوضح بين أدان دعا دعت طالب طالبت نفى نفت شدد شددت كشف كشفت جاء جاءت أصبح صار بات ظل
مازال زال يزال تزال وصل وصلت قتل قتلت قتلى جرحى أصيب أصيبت سقط سقطت شن شنت استهدف هاجم وقع وقعت
تم يتم تمت جرى يجري أجرى عقد عقدت بدأ بدأت انتهى أنهى أمر أمرت
رئيس رئيسة وزير وزيرة الوزير الرئيس ملك الملك أمير الأمير شيخ الشيخ سيد السيد السيدة سيدة
إمام الإمام قائد القائد زعيم الزعيم نائب النائب مسؤول المسؤول مدير المدير مستشار المستشار
سفير السفير مبعوث المبعوث ناطق الناطق متحدث المتحدث العميد العقيد اللواء الفريق المشير الجنرال
عميد عقيد لواء فريق مشير جنرال رائد نقيب ملازم عريف جندي ضابط سلطان السلطان باشا بيك بك خان شاه
الدكتور دكتور الأستاذ أستاذ المهندس مهندس الحاج حاج القاضي قاض قاضي المحامي محام محامي
الصحفي صحفي الكاتب كاتب المحلل محلل الناشط ناشط النائب حاكم الحاكم والي الوالي محافظ المحافظ
مدينة المدينة بلدة قرية القرية حي منطقة المنطقة ريف محافظة دولة الدولة بلد البلد عاصمة العاصمة
حكومة الحكومة وزارة الوزارة جيش الجيش قوات القوات حزب الحزب حركة الحركة جماعة الجماعة تنظيم
مجلس المجلس لجنة اللجنة هيئة الهيئة مكتب المكتب شركة الشركة جامعة الجامعة مدرسة المدرسة
مستشفى المستشفى مسجد المسجد كنيسة الكنيسة سوق السوق طريق الطريق شارع الشارع جسر الجسر مطار
ميناء سجن السجن معبر المعبر حدود الحدود نهر النهر بحر البحر جبل الجبل سهل السهل وادي الوادي
بيت البيت دار الدار باب الباب برج البرج قصر القصر قلعة القلعة عين العين بئر تل التل
يوم عام العام سنة السنة شهر الشهر أسبوع الأسبوع ساعة الساعة دقيقة وقت الوقت مرة المرة
صباح مساء ليلة الليلة ليل نهار ظهر عصر فجر الفجر
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة سبت أحد اثنين ثلاثاء أربعاء
خميس جمعة يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين
واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشر مئة مائة ألف مليون مليار
أول الأول أولى الأولى ثاني الثاني ثالث الثالث آخر الآخر أخير الأخير جديد الجديد كبير الكبير
صغير الصغير شمال الشمال جنوب الجنوب شرق الشرق غرب الغرب وسط الوسط شمالي جنوبي شرقي غربي
عربي العربي عربية العربية دولي الدولي دولية الدولية وطني الوطني وطنية الوطنية إسلامي الإسلامي
إسلامية الإسلامية عسكري العسكري عسكرية أمني الأمني أمنية سياسي السياسي سياسية شعبي الشعبي
الحر الحرة حر حرة عام عامة العامة خاص خاصة الخاصة أعلى الأعلى كبرى الكبرى عظمى العظمى
الحرب السلام أمن الأمن النصر الفتح ثورة الثورة نظام النظام شعب الشعب
قتال القتال هجوم الهجوم قصف القصف غارة الغارة معركة المعركة اشتباك اشتباكات انفجار تفجير
عملية العملية عمليات اتفاق الاتفاق اتفاقية هدنة الهدنة وقف تسوية مفاوضات محادثات اجتماع
مؤتمر المؤتمر قمة القمة بيان البيان تقرير التقرير خبر الخبر أخبار الأخبار وكالة الوكالة
صحيفة الصحيفة قناة القناة موقع الموقع مصدر المصدر مصادر شبكة الشبكة مرصد المرصد
قرار القرار قانون القانون دستور الدستور انتخابات الانتخابات برلمان البرلمان
ماء الماء نار النار أرض الأرض سماء السماء شمس الشمس قمر القمر نجم النجم النور
حياة الحياة موت الموت دم الدم روح قلب عقل يد رأس وجه عين
رجل امرأة طفل أطفال شاب فتاة ولد بنت أب أم أخ أخت ابن ابنة أبناء أسرة عائلة العائلة
ناس الناس قوم جماعة أهل الأهل مواطن مواطنين لاجئ لاجئين نازح نازحين سكان
مال المال نفط النفط غاز الغاز سعر أسعار دولار ليرة دينار ريال جنيه درهم
حق الحق حقوق حرية الحرية عدل العدل عدالة العدالة خير الخير شر الشر الأمل
بلاد البلاد وطن الوطن أمة الأمة عالم العالم الدنيا دنيا
الله والله بالله لله إله الإله رب الرب
كبرى أكبر أصغر أكثر أقل أفضل أسوأ أهم أشد أكد
موقف الموقف وضع الوضع حال الحال أزمة الأزمة قضية القضية ملف الملف مسألة مشكلة
دعم الدعم مساعدة مساعدات إغاثة الإغاثة خطة الخطة مشروع المشروع برنامج البرنامج
نحو حوالي قرابة نحوا تقريبا فيما مما عما ممن لما بما كلما طالما ريثما
عليه عليها عليهم إليه إليها إليهم منه منها منهم فيه فيها فيهم له لها لهم به بها بهم عنه عنها
معه معها لديه لديها بينهم ضدهم
نعم كلا ليت لعل حبذا بئس نعم
يا أيها أيتها
بن ابن بنت آل ال أبو ابو أم با بو بي ايت أيت عبد عبدال مير ميرزا سيدي سيدتي مولاي مولانا
آغا اغا حاجي خواجه قاري مفتي المفتي ملا الملا شهيد الشهيد مجاهد المجاهد مسلم المسلم عرب العرب
الشاب الشابة الشاعر شاعر الإسلام إسلام الرحمن الرحمان الحق الهي إلهي الأمين أمين الأسود الأحمر
الأبيض الأخضر الطويل القصير العبد البحري الجوي البري زمان الزمان أمان الأمان دين الدين أعظم
رجاء صدام حيات
ساعد السر اما اني ايران بت بان ترك فرنسا مات وين امي باقي الناتو الصيد يو هاي البرازيل
البرتغال الدنمارك العمر العيد
"""

# Nationality adjectives: after a title (الرئيس العراقي, وزير الخارجية التركي) they must not be
# read as a name, so they are stopped bare and with ال-.
NISBA_TEXT = """
مصري سوري عراقي لبناني أردني فلسطيني تركي إيراني روسي أمريكي أميركي كردي سوداني يمني تونسي مغربي
جزائري ليبي سعودي قطري كويتي إماراتي بحريني عماني خليجي شامي إسرائيلي صهيوني بريطاني فرنسي ألماني
صيني أوروبي أفريقي إفريقي آسيوي هندي باكستاني أفغاني أفغان تركماني شيشاني موريتاني صومالي عربي
إيطالي إسباني ياباني كوري أوكراني سويدي نرويجي هولندي بلجيكي نمساوي سويسري يوناني قبرصي أرمني
أذري إثيوبي إريتري تشادي نيجيري مالي أمازيغي بلوشي آشوري سرياني درزي علوي سني شيعي
"""

# Words that are real names but so common as plain words that they must not stand alone as a
# GIVEN name after a speech verb; they stay possible as family names (نواف سلام, أحمد حرب).
STOP_GIVEN_TEXT = """
حرب سلام نصر فتح جمعة خميس عيد صفر هلال مطر فجر أمل نور عز شرف عالم ثابت
""".split()


def load_units(src: Path):
    counts = collections.defaultdict(collections.Counter)  # key -> role -> count
    latin_roles = collections.defaultdict(set)            # latin.lower() -> roles
    latin_keys = collections.defaultdict(set)             # latin.lower() -> keys
    with open(src / "name_units_wikidata.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            key = fold(row["arabic_key_normalized"])
            role = row["role"].strip()
            try:
                n = int(row["count"])
            except ValueError:
                n = 1
            counts[key][role] += n
            latin = row["latin"].strip().lower()
            if latin and role in ("given", "surname"):
                latin_roles[latin].add(role)
            if latin:
                latin_keys[latin].add(key)
    return counts, latin_roles, latin_keys


def load_arabnamer(src: Path):
    pairs = []
    with open(src / "arabnamer_en_ar_names.tsv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader, None)
        for row in reader:
            if len(row) >= 2:
                pairs.append((row[0].strip().lower(), fold(row[1])))
    return pairs


def form_role(name: str):
    """Role told by the shape of a name, or None."""
    first = name.split(" ")[0]
    if first in ("ال", "آل", "بن", "ابن", "بو", "ولد") and " " in name:
        return "surname"
    if name.startswith("ال") and " " not in name and len(name) > 4:
        return "surname"
    if first in ("عبد", "ابو") and " " in name:
        return "given"
    if name.endswith("الدين") or name.endswith("الله"):
        return "given"
    return None


def acceptable(name: str, stop: set) -> bool:
    if not name or NON_ARABIC.search(name) or not ARABIC_ONLY.match(name):
        return False
    letters = name.replace(" ", "")
    if len(letters) < 2:
        return False
    if name in stop:
        return False
    # a compound must not be made only of stop words (e.g. "في ال")
    parts = name.split(" ")
    if len(parts) > 1 and all(p in stop or len(p) < 2 for p in parts):
        return False
    if len(parts) > 3:
        return False
    return True


WESTERN_GIVEN = """
جورج جون جوني بيتر مايكل ديفيد دافيد جيمس جيمز روبرت ريتشارد توماس تشارلز وليام ويليام بول
مارك ستيفن ستيف أندرو فرانك هنري إدوارد ادوارد ألبرت ألكسندر الكسندر فيليب جوزيف أنطوني
انطوني كريستوفر دانيال ماثيو باتريك جاك جان بيير ميشيل ميشال فرانسوا لويس كارلوس خوان
خوسيه خوسي مانويل أنطونيو انطونيو ماريو لويجي جوزيبي هانز كارل فريدريك فلاديمير سيرغي سيرجي
إيفان ايفان ديمتري نيكولاي نيكولا ماري آن إليزابيث اليزابيث هيلين لورا ليندا نانسي سوزان
كاثرين مارغريت أنجيلا انجيلا هيلاري كوندوليزا دونالد رونالد جيرار جيرالد روجر رالف كيفن
برايان توني طوني جيري لاري غاري تيري جاي رود خافيير فرانسيسكو باولو ماركو فابيو كلاوس
غيرهارد هيلموت يواكيم أولاف فرانز برنار برنارد دومينيك نيكولا إيمانويل ايمانويل
"""

MIN_ZIPF = 4.0
MIN_ZIPF_EN = 3.3


def frequent_word(name: str, count: int, latins: set) -> bool:
    """True when a one-word name is mostly an ordinary Arabic word (see the docstring)."""
    import wordfreq

    if " " in name:
        return False
    z = wordfreq.zipf_frequency(name, "ar")
    if z < MIN_ZIPF or count >= 10 ** (z - 3.5):
        return False
    english = max((wordfreq.zipf_frequency(l, "en") for l in latins if l), default=0.0)
    foreign = english >= MIN_ZIPF_EN and z < 5.0 and not name.startswith("ال")
    return not foreign


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)

    stop = {fold(w) for w in STOP_TEXT.split()}
    for w in NISBA_TEXT.split():
        w = fold(w)
        stop.update((w, "ال" + w))
    stop_given = stop | {fold(w) for w in STOP_GIVEN_TEXT}
    counts, latin_roles, latin_keys = load_units(args.src)
    arabnamer = load_arabnamer(args.src)
    in_arabnamer = {ar for _, ar in arabnamer}

    given, family = set(), set()
    for key, roles in counts.items():
        for role, n in roles.items():
            if role == "unknown":
                role = form_role(key)
            if role not in ("given", "surname"):
                continue
            if n < MIN_COUNT and key not in in_arabnamer:
                continue
            (given if role == "given" else family).add(key)

    for latin, ar in arabnamer:
        if ar in counts:
            continue
        role = form_role(ar)
        if role is None:
            roles = latin_roles.get(latin, set())
            if len(roles) == 1:
                role = next(iter(roles))
        if role == "given":
            given.add(ar)
        elif role == "surname":
            family.add(ar)

    latins = collections.defaultdict(set)
    for latin, ar in arabnamer:
        latins[ar].add(latin)
    for latin, keys in latin_keys.items():
        for k in keys:
            latins[k].add(latin)

    def common(n):
        return frequent_word(n, sum(counts.get(n, {}).values()), latins.get(n, set()))

    given = sorted(n for n in given if acceptable(n, stop_given) and not common(n))
    family = sorted(n for n in family if acceptable(n, stop) and not common(n))

    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        "# GENERATED by tools/gazetteers/build_names.py -- do not edit by hand; edit the script.\n"
        "# Sources: Wikidata person-name units (CC0 1.0, via the arabic-name-romanizer export\n"
        "#   name_units_wikidata.tsv) and the arabnamer Arabic name dictionary (Yousef, E., 2026,\n"
        "#   https://github.com/sayedyousef/arabnamer, CC BY 4.0; filtered and folded here).\n"
        "# Folded like rasd text: alef/hamza -> ا, ة -> ه, ى -> ي, ؤ -> و, ئ -> ي, no diacritics.\n"
    )
    # Given names of other languages: one word, known to arabnamer (a Latin spelling) but not
    # (or hardly) to the Wikidata units, which come from the Middle East and the Muslim world.
    # Also the common Western given names (facts, in the spellings Arabic news uses), which
    # Arab Christians share and the units therefore list.
    western = {fold(w) for w in WESTERN_GIVEN.split()}
    foreign = sorted(n for n in given
                     if " " not in n and latins.get(n)
                     and (sum(counts.get(n, {}).values()) < MIN_COUNT or n in western))
    foreign = sorted(set(foreign) | western)
    for fname, names, what in (("given.txt", given, "given names"),
                               ("family.txt", family, "family names"),
                               ("foreign_given.txt", foreign, "given names of other languages")):
        with open(args.out / fname, "w", encoding="utf-8", newline="\n") as f:
            f.write(header)
            f.write(f"# {what}: {len(names)}\n")
            for n in names:
                f.write(n + "\n")
        print(f"{fname}: {len(names)} {what}", file=sys.stderr)


if __name__ == "__main__":
    main()
