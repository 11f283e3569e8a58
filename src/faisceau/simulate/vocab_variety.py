"""Topic-independent phrase material per language: what makes organic posts differ.

People on one topic share its vocabulary but rarely a whole sentence. The topic phrases in
``vocab.TOPICS`` give the shared vocabulary; the slots below (a discourse marker, a time,
a place or company, a second clause, an aside, a reaction, the way a statement is put)
are drawn independently per post, so two organic posts agree on every slot only by rare
chance, and near-identical organic texts stay rare at millions of posts. Verbatim organic
copies come from the scenario's own mechanisms only (share-button headlines, retweets,
named reuse).

Each language's lists are written in that language, not translated from one list:
posters in Madrid and Berlin do not react with the same stock phrases in two languages
(a translated reaction list made stock replies "translations" of one another), name the
places they live in, and tell the time their own way. Places are built from each
language's own city and district names, so they are many, as in real posts.

Per language: ``lead`` (opening marker), ``when`` (time), ``where`` (place, company),
``join`` (connector to a second clause), ``aside`` (a personal comment), ``react`` (the
core of a reply or quote comment), ``frame`` (how a poster puts a topic statement: "I read
that {}", "{}, apparently", "so {}?"; ``{}`` is the statement).
"""
from __future__ import annotations

_FR_CITIES = ["Paris", "Lyon", "Marseille", "Lille", "Toulouse", "Nantes", "Bordeaux", "Rennes", "Grenoble", "Nice", "Dijon",
              "Montpellier", "Strasbourg", "Reims", "Tours", "Angers", "Rouen", "Metz", "Brest", "Caen", "Nancy", "Pau",
              "Limoges", "Clermont", "Perpignan", "Le Havre", "Amiens", "Besançon", "Orléans", "Mulhouse", "Avignon", "Bayonne"]
_EN_CITIES = ["London", "New York", "Chicago", "Sydney", "Toronto", "Manchester", "LA", "Mumbai", "Leeds", "Glasgow",
              "Boston", "Seattle", "Dublin", "Melbourne", "Atlanta", "Denver", "Bristol", "Brooklyn", "Austin", "Vancouver",
              "Cardiff", "Delhi", "Philly", "Liverpool", "Auckland", "Houston", "Edinburgh", "Portland",
               "Belfast", "Nottingham", "Brighton", "Sheffield", "Newcastle", "Perth", "Brisbane", "Ottawa", "Calgary",
               "Dallas", "Phoenix", "Miami", "Detroit", "Nashville", "San Diego", "Pune", "Bengaluru", "Cork", "Oxford"]
_ES_CITIES = ["Madrid", "Barcelona", "Sevilla", "Valencia", "Bilbao", "Málaga", "Zaragoza", "Granada", "Valladolid", "Vigo",
              "Murcia", "Alicante", "Salamanca", "Cádiz", "Oviedo", "Bogotá", "Lima", "Quito", "Guadalajara", "Monterrey",
              "Buenos Aires", "Rosario", "Santiago", "Medellín", "Cali", "Puebla"]
_DE_CITIES = ["Berlin", "Hamburg", "München", "Köln", "Wien", "Zürich", "Leipzig", "Dresden", "Stuttgart", "Bremen",
              "Hannover", "Nürnberg", "Frankfurt", "Düsseldorf", "Dortmund", "Graz", "Linz", "Basel", "Bern", "Freiburg",
              "Kiel", "Rostock", "Mainz", "Augsburg", "Bochum", "Salzburg"]
_IT_CITIES = ["Roma", "Milano", "Napoli", "Torino", "Bologna", "Firenze", "Genova", "Palermo", "Bari", "Verona", "Padova",
              "Trieste", "Catania", "Parma", "Pisa", "Lecce", "Bergamo", "Modena", "Perugia", "Cagliari", "Brescia", "Rimini"]

_CLOCK = (7, 8, 10, 12, 17, 19, 21, 23)  # a few posts say the hour

GENERIC: dict[str, dict[str, list[str]]] = {
    "fr": {
        "lead": ["Perso,", "Sérieux,", "Alors,", "Bref,", "Honnêtement,", "Bon,", "Mdr", "Ok,", "Attendez,", "Petite question :",
                 "Je dis ça je dis rien,", "Entre nous,", "Au fait,", "Tiens,", "Voilà,", "Oh là là,", "Euh,", "Clairement,",
                 "Pour info,", "Sans rire,", "Franchement bof,", "Rappel :", "Ptdr", "Bon ben", "Allez,", "Hum,", "Ah oui,",
                 "Bah", "Jpp,", "Pfff,", "Wesh,", "Tkt,"],
        "when": ["ce matin", "hier soir", "cet après-midi", "depuis lundi", "ce week-end", "tout à l'heure", "cette semaine",
                 "à midi", "depuis trois jours", "ce soir", "en rentrant du boulot", "pendant la pause", "hier",
                 "avant-hier", "depuis ce matin", "à l'instant", "en ce moment", "depuis une heure", "cette nuit",
                 "au réveil", "dans le train", "au petit-déj", "samedi dernier", "mardi", "jeudi soir", "dimanche matin",
                 "à la sortie du taf", "entre midi et deux"]
                + [f"vers {h}h" for h in _CLOCK],
        "where": [f"à {c}" for c in _FR_CITIES] + [f"dans le {n}e" for n in range(2, 21)] + [
            "au boulot", "chez ma mère", "avec les collègues", "dans le métro", "au bureau", "chez mes parents",
            "avec mon frère", "au café du coin", "dans ma rue", "sur le quai du RER", "au marché", "avec ma coloc",
            "chez le coiffeur", "à la boulangerie", "au stade", "à la fac", "avec les potes", "en famille",
            "à la salle", "au PMU", "chez ma tante", "à la cantine", "dans le bus", "à la gare"],
        "join": ["et en plus", "mais", "alors que", "pendant que", "sachant que", "et surtout", "du coup", "bref,", "et puis",
                 "sauf que", "en même temps"],
        "aside": ["je dis ça comme ça", "c'est mon avis", "qui l'eût cru", "comme d'hab", "j'avoue", "on en parle ?",
                  "personne n'en parle", "ça m'énerve", "ça me fait rire", "je suis partagé", "j'y crois pas",
                  "ça change tout", "on verra bien", "aucune surprise", "c'est triste", "je m'en doutais",
                  "rien de nouveau", "faut le dire", "quelle époque", "je rigole pas", "vous en pensez quoi ?",
                  "c'est abusé", "laisse tomber", "on est en 2023 quand même", "je sais pas vous", "la base",
                  "c'est chaud", "ça sent pas bon", "vivement la fin", "je dis rien de plus"],
        "react": ["Tellement vrai", "N'importe quoi", "Je suis d'accord", "Source ?", "Pas du tout d'accord", "Exactement",
                  "C'est faux", "Haha", "Trop bien", "Ah bon ?", "Merci pour l'info", "On est d'accord", "Incroyable",
                  "Je confirme", "Pas sûr", "Bien dit", "La honte", "Ça alors", "Enfin quelqu'un qui le dit",
                  "Tu exagères", "Excellent", "C'est pas si simple", "Vrai", "Mouais", "Quelle blague", "Bravo",
                  "Mdrrr", "T'as raison", "Grave", "Pas faux", "J'hallucine", "C'est clair", "Bof", "Tu m'étonnes",
                  "Sérieux ?", "Ouf", "Dingue", "Carrément", "Tout à fait", "Même pas surpris"],
        "frame": ["j'ai lu que {}", "il paraît que {}", "apparemment {}", "{}, paraît-il", "donc {} ?", "{}, sérieux ?",
                  "on m'a dit que {}", "ma sœur me dit que {}", "vous saviez que {} ?", "{}, c'est officiel",
                  "{}, d'après BFM", "en vrai {}", "{}, incroyable", "franchement, {}", "si j'ai bien compris {}",
                  "{} et personne ne dit rien", "bon ben {}", "{}... voilà voilà", "selon mon voisin {}",
                  "j'apprends que {}", "{}, on en est là", "paraîtrait que {}"],
    },
    "en": {
        "lead": ["Honestly", "Ok so", "Look,", "Not gonna lie,", "Wait,", "Fun fact:", "Hot take:", "Lowkey", "PSA:", "Tbh",
                 "Genuinely,", "Ngl,", "Quick thought:", "Well,", "So yeah,", "Anyway,", "Imagine:", "Reminder:", "Bruh",
                 "Real talk:", "Okay but", "Yo", "Listen,", "Hmm,", "Oof,", "Mate,", "Right,", "Y'all,"],
        "when": ["this morning", "last night", "all week", "today", "this weekend", "right now", "since Monday", "earlier",
                 "at lunch", "on my commute", "tonight", "yesterday", "for days now", "just now", "before work", "after the game",
                 "on Saturday", "over breakfast", "after school", "late last night", "this arvo", "on my lunch break",
                 "at 3am", "before my shift"]
                + [f"around {h % 12 or 12}{'am' if h < 12 else 'pm'}" for h in _CLOCK],
        "where": [f"in {c}" for c in _EN_CITIES] + [
            "at work", "at home", "with my roommate", "on the train", "at the pub", "with my dad", "at the gym", "on campus",
            "at my desk", "with friends", "at the office", "on the tube", "at Starbucks", "in the group chat", "at the airport",
            "at my mum's", "on the subway", "at the bus stop", "at Costco", "in class", "at the barber", "on the school run"],
        "join": ["and", "but", "while", "and honestly", "meanwhile", "also", "so", "and yet", "plus", "except"],
        "aside": ["just saying", "change my mind", "not surprised", "idk", "thoughts?", "big if true", "for real",
                  "this is wild", "no comment", "makes sense", "I'm torn", "who knew", "classic", "sad but true",
                  "it is what it is", "let that sink in", "can confirm", "wild times", "send help", "I can't",
                  "not even kidding", "you couldn't make it up", "10/10 would not recommend", "again", "peak 2023",
                  "no notes", "I'm tired", "am I the only one?"],
        "react": ["So true", "This", "Source?", "Nonsense", "Agreed", "Exactly", "Not really", "lol", "Wow", "Fair point",
                  "Thanks for sharing", "Totally", "Nope", "Same here", "Well said", "Interesting", "Big mood", "Hard disagree",
                  "Can't argue with that", "Finally someone said it", "Is this real?", "Yikes", "lmao", "Bold claim",
                  "Citation needed", "Ha, good one", "Oh no", "Bless", "Mood", "Facts", "Say less", "Not this again",
                  "Brilliant", "Love this", "Ugh", "Deleted?", "Preach"],
        "frame": ["I read that {}", "apparently {}", "{}, apparently", "so {}?", "{}, seriously?", "my sister says {}",
                  "did you know {}?", "{}, it's official", "turns out {}", "{}. cool cool cool", "so basically {}",
                  "TIL {}", "heard that {}", "{} and nobody cares", "not sure if true but {}", "{}, go figure",
                  "someone at work said {}", "can't believe {}", "{}. yep.", "the news says {}", "they're saying {}"],
    },
    "es": {
        "lead": ["Sinceramente,", "Bueno,", "Oye,", "La verdad,", "A ver,", "Ojo:", "Pues", "Vaya,", "Ya,", "Hostia,",
                 "Madre mía,", "Tío,", "En plan,", "Nada,", "Mira,", "Uf,", "Che,", "Güey,", "Total, que", "Venga,"],
        "when": ["esta mañana", "anoche", "hoy", "este finde", "ahora mismo", "desde el lunes", "a mediodía", "ayer",
                 "esta semana", "de camino al curro", "antes de comer", "después de cenar", "el sábado", "de madrugada",
                 "a la hora del café", "en la siesta", "el domingo por la tarde", "al salir de clase"]
                + [f"sobre las {h}" for h in _CLOCK],
        "where": [f"en {c}" for c in _ES_CITIES] + [
            "en casa", "en el curro", "con mi hermana", "en el metro", "con los amigos", "en la oficina", "en el bar de abajo",
            "en la terraza", "en el pueblo", "con mi suegra", "en la facu", "en el cercanías", "en el mercado",
            "en la peluquería", "en el gimnasio", "en el súper", "con mis viejos", "en la parada del bus"],
        "join": ["y", "pero", "mientras", "y encima", "así que", "aunque", "y luego", "o sea"],
        "aside": ["lo digo y ya", "qué os parece", "sin más", "vaya tela", "como siempre", "no me sorprende", "en fin",
                  "es lo que hay", "qué fuerte", "ojo con esto", "flipando estoy", "manda narices", "no digo más",
                  "lo que faltaba", "de traca", "qué cosas", "me parto", "alucino", "no hay más preguntas", "tremendo"],
        "react": ["Totalmente", "Qué va", "¿Fuente?", "Exacto", "Jajaja", "Ni de coña", "Toma ya", "Qué vergüenza", "Eso",
                  "Pues sí", "Anda ya", "Qué dices", "Hombre claro", "Madre mía", "Brutal", "Me meo", "Olé", "Nah",
                  "Di que sí", "Amén", "Es verdad", "Uff", "Menuda", "Venga ya", "Tal cual", "Qué pena"],
        "frame": ["he leído que {}", "dicen que {}", "por lo visto {}", "{}, ¿en serio?", "o sea que {}", "me cuentan que {}",
                  "¿sabíais que {}?", "{}, así está la cosa", "resulta que {}", "mi madre dice que {}", "{}, lo que oyes",
                  "según el telediario {}", "{} y nadie dice nada", "al parecer {}", "{}, de locos"],
    },
    "de": {
        "lead": ["Ehrlich,", "Also", "Na ja,", "Kurz:", "Mal ehrlich,", "Übrigens", "Tja,", "Hm,", "Achtung:", "Gut,", "Leute,",
                 "Boah,", "Puh,", "Ach,", "Sag mal,", "Ganz ehrlich:", "Oha,", "Moin,", "Servus,", "Krass,"],
        "when": ["heute früh", "gestern Abend", "heute", "am Wochenende", "gerade", "seit Montag", "mittags", "gestern",
                 "diese Woche", "auf dem Heimweg", "vorhin", "in der Mittagspause", "am Samstag", "nach Feierabend",
                 "heute Nacht", "beim Frühstück", "vorgestern", "am Sonntagmorgen"]
                + [f"gegen {h} Uhr" for h in _CLOCK],
        "where": [f"in {c}" for c in _DE_CITIES] + [
            "zu Hause", "im Büro", "mit den Kollegen", "in der U-Bahn", "mit meiner Schwester", "im Zug", "in der Kneipe",
            "auf dem Balkon", "beim Bäcker", "in der S-Bahn", "im Späti", "bei meinen Eltern", "in der Mensa",
            "im Biergarten", "auf der Arbeit", "im Wartezimmer", "an der Haltestelle", "im Fitnessstudio"],
        "join": ["und", "aber", "während", "und dazu", "also", "obwohl", "und dann", "dabei"],
        "aside": ["nur so", "was meint ihr?", "wie immer", "keine Überraschung", "echt jetzt", "krass", "tja",
                  "mal sehen", "typisch", "unglaublich", "ich sag ja nur", "läuft bei uns", "ohne Worte", "na toll",
                  "war ja klar", "ich kann nicht mehr", "sachen gibt's", "so viel dazu", "da bin ich raus", "mega"],
        "react": ["Genau", "Quatsch", "Quelle?", "Stimmt", "Sehe ich auch so", "Haha", "Wahnsinn", "Nicht wirklich",
                  "Gut gesagt", "Peinlich", "Eben", "Jep", "Nee", "Schon klar", "Ach was", "Bitte nicht", "Top",
                  "Richtig so", "Och nö", "Lol", "Ernsthaft?", "Oje", "Absolut", "So sieht's aus", "Hammer", "Naja"],
        "frame": ["hab gelesen: {}", "{}, angeblich", "also {}?", "{}, ernsthaft?", "meine Mutter sagt, {}",
                  "schon gehört? {}", "{}, jetzt offiziell", "{}, offenbar", "laut Tagesschau: {}", "{}. Na super.",
                  "{} und keiner regt sich auf", "hab gehört, {}", "Kollege meint, {}", "{}, unfassbar", "neu ist: {}"],
    },
    "it": {
        "lead": ["Sinceramente,", "Allora,", "Boh,", "Ecco,", "Dai,", "Attenzione:", "Insomma,", "Beh,", "Ragazzi,", "Mamma mia,",
                 "Oh,", "Vabbè,", "Cioè,", "Comunque,", "Ma scusate,", "Uffa,", "Guarda,", "Niente,"],
        "when": ["stamattina", "ieri sera", "oggi", "questo weekend", "adesso", "da lunedì", "a pranzo", "ieri",
                 "stanotte", "dopo cena", "in pausa caffè", "sabato scorso", "tornando dal lavoro", "domenica mattina",
                 "l'altro ieri", "all'ora dell'aperitivo"]
                + [f"verso le {h}" for h in _CLOCK],
        "where": [f"a {c}" for c in _IT_CITIES] + [
            "a casa", "in ufficio", "con i colleghi", "in metro", "con mia sorella", "al bar sotto casa", "dal parrucchiere",
            "in piazza", "al mercato", "dai miei", "in treno", "all'università", "in palestra", "al supermercato",
            "sul balcone", "in spiaggia", "dalla nonna", "alla fermata"],
        "join": ["e", "ma", "mentre", "e poi", "quindi", "anche se", "cioè", "e intanto"],
        "aside": ["lo dico e basta", "che ne pensate?", "come sempre", "nessuna sorpresa", "pazzesco", "vedremo",
                  "tipico", "incredibile", "non ci credo", "roba da matti", "ma va bene così", "che vergogna",
                  "e vabbè", "siamo alle solite", "giuro", "non aggiungo altro", "assurdo", "che tristezza"],
        "react": ["Verissimo", "Ma dai", "Fonte?", "Esatto", "Ahah", "Ma figurati", "Che schifo", "Grande", "Mah",
                  "Ben detto", "Ci sta", "Magari", "Non proprio", "Boh", "Assolutamente", "Ma smettila", "Top", "Tristezza",
                  "Sul serio?", "Daje", "Madonna", "Ecco appunto", "Bravo", "Sì sì"],
        "frame": ["ho letto che {}", "a quanto pare {}", "{}, pare", "{}, davvero?", "quindi {}?", "mi dicono che {}",
                  "lo sapevate che {}?", "{}, ufficiale", "secondo il TG {}", "mia madre dice che {}", "{} e nessuno dice niente",
                  "sembra che {}", "{}. Ottimo.", "ho sentito che {}", "{}, roba da pazzi"],
    },
    "ar": {
        "lead": ["بصراحة", "طيب", "اسمعوا", "للعلم", "يعني", "انتبهوا", "والله", "باختصار", "يا جماعة", "سبحان الله", "آه",
                 "شوفوا", "المهم"],
        "when": ["هذا الصباح", "البارحة", "اليوم", "نهاية الأسبوع", "الآن", "منذ الاثنين", "ظهرا", "الليلة", "بعد العصر",
                 "بعد صلاة الجمعة", "قبل الفطور", "في المساء", "أول أمس", "في الطريق إلى العمل"],
        "where": ["في الجزائر", "في الدار البيضاء", "في تونس", "في البيت", "في العمل", "مع الأصدقاء", "في باريس",
                  "مع أخي", "في الرباط", "في وهران", "في مراكش", "في قسنطينة", "في صفاقس", "في المقهى", "في السوق",
                  "عند خالتي", "في الجامعة", "في الترامواي", "في فاس", "في طنجة"],
        "join": ["و", "لكن", "بينما", "ثم", "لذلك", "رغم أن", "يعني"],
        "aside": ["هذا رأيي", "ما رأيكم؟", "كالعادة", "لا مفاجأة", "غريب", "سنرى", "للأسف", "لا تعليق", "الله يستر",
                  "حسبي الله", "ههههه", "ما فهمت شي", "الله يهدي"],
        "react": ["صحيح", "كلام فارغ", "المصدر؟", "بالضبط", "هههه", "لا يصدق", "أحسنت", "معك حق", "يا ساتر", "ما شاء الله",
                  "مستحيل", "والله صح", "عيب", "برافو", "خلاص"],
        "frame": ["قرأت أن {}", "يقولون إن {}", "{} حسب ما سمعت", "هل صحيح أن {}؟", "يبدو أن {}", "أختي تقول إن {}",
                  "{} ولا أحد يتكلم"],
    },
    "tr": {
        "lead": ["Açıkçası", "Yani", "Bakın,", "Bu arada", "Dikkat:", "Neyse,", "Valla", "Kısacası", "Arkadaşlar,", "Ya",
                 "Hadi ama", "Off,", "Bence"],
        "when": ["bu sabah", "dün akşam", "bugün", "hafta sonu", "şu an", "pazartesiden beri", "öğlen", "dün",
                 "iş çıkışı", "kahvaltıda", "gece yarısı", "cumartesi", "az önce", "işe giderken"],
        "where": ["İstanbul'da", "Ankara'da", "İzmir'de", "evde", "işte", "arkadaşlarla", "metroda", "Bursa'da",
                  "ablamla", "ofiste", "Antalya'da", "Kadıköy'de", "vapurda", "çay bahçesinde", "Eskişehir'de", "kampüste",
                  "annemlerde", "Trabzon'da", "otobüste", "Konya'da"],
        "join": ["ve", "ama", "bu arada", "üstelik", "yani", "gerçi", "hem de"],
        "aside": ["benden söylemesi", "ne dersiniz?", "her zamanki gibi", "şaşırmadım", "ilginç", "göreceğiz",
                  "maalesef", "yorum yok", "pes doğrusu", "olacak iş değil", "ne diyeyim", "helal olsun"],
        "react": ["Aynen", "Saçmalık", "Kaynak?", "Kesinlikle", "Haha", "İnanılmaz", "Güzel söyledin", "Yok artık",
                  "Harbiden", "Ciddi misin?", "Oha", "Bravo", "Hiç sanmam", "Tabii ki"],
        "frame": ["okudum ki {}", "duydum ki {}", "galiba {}", "{}, ciddi mi?", "annem diyor ki {}", "haberlere göre {}",
                  "{} ve kimse bir şey demiyor"],
    },
    "az": {
        "lead": ["Açığı,", "Yəni", "Baxın,", "Yeri gəlmişkən,", "Diqqət:", "Nə isə,", "Vallah", "Qısası", "Dostlar,", "Ay camaat,",
                 "Bilirsiz,"],
        "when": ["bu səhər", "dünən axşam", "bu gün", "həftə sonu", "indi", "bazar ertəsindən bəri", "günorta", "dünən",
                 "işdən sonra", "səhər yeməyində", "gecə", "şənbə günü"],
        "where": ["Bakıda", "Gəncədə", "Sumqayıtda", "evdə", "işdə", "dostlarla", "metroda", "Lənkəranda", "qardaşımla",
                  "ofisdə", "Şəkidə", "Qubada", "bulvarda", "çayxanada", "universitetdə", "Mingəçevirdə", "nənəmgildə"],
        "join": ["və", "amma", "həm də", "üstəlik", "yəni", "halbuki"],
        "aside": ["məndən demək", "siz nə deyirsiniz?", "həmişəki kimi", "təəccüblü deyil", "maraqlıdır", "görəcəyik",
                  "təəssüf", "şərh yoxdur", "bu da belə", "Allah kömək olsun"],
        "react": ["Doğrudur", "Cəfəngiyat", "Mənbə?", "Tamamilə", "Haha", "İnanılmazdır", "Yaxşı dedin", "Afərin",
                  "Ciddi?", "Heç vaxt", "Düz deyirsən", "Ay Allah"],
        "frame": ["oxudum ki {}", "deyirlər ki {}", "deyəsən {}", "{}, ciddi?", "anam deyir ki {}", "xəbərlərə görə {}"],
    },
}
