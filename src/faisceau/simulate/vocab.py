"""Word material for organic posts and profiles, per language and topic.

Organic text is built as ``opener + core + tail`` with independent random picks, so two
organic posts on the same topic share vocabulary (the topical-overlap trap near-duplicate
detection must avoid) without being copies of each other. Sizes are kept modest: the
combinatorics (and the random numbers, emoji and mentions added by ``text.py``) give
enough variety that exact organic collisions stay rare.
"""
from __future__ import annotations

# topic -> language -> (openers, cores, tails)
TOPICS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "paris2024": {
        "fr": (
            ["Plus qu'un an avant les Jeux,", "J-365 :", "Franchement,", "Bon,", "À un an des JO,", "Vu ce soir :",
             "Paris 2024 :", "Je me demande si", "Incroyable,", "On y est presque,"],
            ["la cérémonie sur la Seine s'annonce folle", "les billets sont hors de prix", "le village olympique avance bien",
             "les transports ne seront jamais prêts", "la flamme passera par chez nous", "les bénévoles sont motivés",
             "le programme des épreuves est sorti", "la sécurité inquiète pas mal de monde", "le métro sera saturé",
             "les sites de compétition sont magnifiques", "les Parisiens vont fuir la ville", "le budget explose encore"],
            ["on verra bien.", "hâte d'y être !", "ça promet.", "quelle aventure.", "pas convaincu...", "allez les Bleus !",
             "on en reparle dans un an.", "trop fier.", "bref.", "vivement l'été prochain."],
        ),
        "en": (
            ["One year to go:", "Honestly,", "Just saw that", "Paris 2024 update:", "Can't believe", "So apparently",
             "Big day:", "Thread:"],
            ["the opening ceremony on the Seine looks wild", "tickets for Paris 2024 are crazy expensive",
             "the Olympic village is nearly finished", "the security plan for the Games is huge",
             "breakdancing makes its Olympic debut in Paris", "the torch relay route was announced",
             "Paris hotels are already booked out", "the Olympic pools are being built"],
            ["can't wait.", "we'll see.", "what a moment.", "not sure about this.", "Go team!", "let's go!", "wow."],
        ),
        "es": (
            ["A un año de los Juegos,", "Sinceramente,", "Atención:", "París 2024:"],
            ["la ceremonia en el Sena será espectacular", "las entradas son carísimas", "la villa olímpica está casi lista",
             "la seguridad de los Juegos preocupa"],
            ["¡qué ganas!", "ya veremos.", "increíble.", "vamos."],
        ),
        "de": (
            ["Noch ein Jahr bis Olympia:", "Ehrlich gesagt", "Paris 2024:"],
            ["die Eröffnungsfeier auf der Seine wird spektakulär", "die Tickets sind viel zu teuer",
             "das olympische Dorf ist fast fertig", "das Sicherheitskonzept ist riesig"],
            ["mal sehen.", "ich freue mich.", "Wahnsinn.", "hmm."],
        ),
        "it": (
            ["Manca un anno alle Olimpiadi:", "Sinceramente", "Parigi 2024:"],
            ["la cerimonia sulla Senna sarà spettacolare", "i biglietti costano troppo", "il villaggio olimpico è quasi pronto"],
            ["che emozione!", "vedremo.", "forza Italia!"],
        ),
        "ar": (
            ["باقي سنة على الألعاب:", "بصراحة", "باريس 2024:"],
            ["حفل الافتتاح على نهر السين سيكون مذهلا", "التذاكر غالية جدا", "القرية الأولمبية شبه جاهزة"],
            ["ننتظر بفارغ الصبر.", "سنرى.", "رائع."],
        ),
        "tr": (
            ["Olimpiyatlara bir yıl kaldı:", "Açıkçası", "Paris 2024:"],
            ["Sen nehrindeki açılış töreni muhteşem olacak", "biletler çok pahalı", "olimpiyat köyü neredeyse hazır"],
            ["heyecanlıyım.", "göreceğiz.", "harika."],
        ),
        "az": (
            ["Olimpiadaya bir il qaldı:", "Açığı,", "Paris 2024:"],
            ["Sena çayında açılış mərasimi möhtəşəm olacaq", "biletlər çox bahalıdır", "olimpiya kəndi demək olar ki, hazırdır"],
            ["gözləyirik.", "görəcəyik.", "əla."],
        ),
    },
    "riots": {
        "fr": (
            ["Un mois après les émeutes,", "Encore des images de", "Depuis la mort de Nahel,", "Toujours choqué par",
             "Retour sur", "Franchement,", "Dans mon quartier,"],
            ["les violences urbaines de juin", "la reconstruction des commerces pillés", "le débat sur la police",
             "les mairies incendiées", "les jeunes des quartiers", "la réponse du gouvernement aux émeutes",
             "les comparutions immédiates", "le coût des dégâts pour les communes"],
            ["il faut en parler.", "rien n'a changé.", "triste.", "on attend des réponses.", "la colère reste.",
             "quelle tristesse.", "honteux."],
        ),
        "en": (
            ["A month after the riots in France,", "Still thinking about", "Report:", "Looking back at"],
            ["the unrest in French suburbs", "the damage from the June riots", "the debate on French policing",
             "the arrests after the riots"],
            ["sad.", "nothing has changed.", "worth a read.", "terrible."],
        ),
        "es": (["Un mes después de los disturbios,", "Sigo pensando en"],
               ["los disturbios en Francia", "los daños de las revueltas de junio"], ["triste.", "increíble."]),
        "de": (["Einen Monat nach den Krawallen", "Immer noch"], ["die Unruhen in Frankreich", "die Schäden der Ausschreitungen"],
               ["traurig.", "unglaublich."]),
        "ar": (["بعد شهر من أعمال الشغب", "ما زلت أفكر في"], ["الاحتجاجات في فرنسا", "أضرار أعمال العنف"], ["محزن.", "لا شيء تغير."]),
        "tr": (["İsyanlardan bir ay sonra", "Hâlâ"], ["Fransa'daki olaylar", "banliyölerdeki şiddet"], ["üzücü.", "inanılmaz."]),
        "az": (["İğtişaşlardan bir ay sonra", "Hələ də"], ["Fransadakı iğtişaşlar", "polis zorakılığı"], ["kədərlidir.", "dəhşətdir."]),
        "it": (["Un mese dopo le rivolte,"], ["le violenze nelle banlieue francesi"], ["triste."]),
    },
    "news": {
        "fr": (
            ["Info :", "À lire :", "Ce matin,", "Selon la presse,", "Important :", "Dernière minute :"],
            ["la canicule touche le sud du pays", "le remaniement du gouvernement fait parler", "les prix de l'essence remontent",
             "le Tour de France s'est terminé dimanche", "la rentrée scolaire se prépare", "les incendies reprennent dans le sud",
             "le pouvoir d'achat reste la priorité", "les vacanciers bloqués sur l'autoroute"],
            ["à suivre.", "incroyable.", "on en parle ?", "voilà.", "sans surprise."],
        ),
        "en": (
            ["Breaking:", "Read this:", "This morning", "Reports say", "Update:"],
            ["the heatwave hits southern Europe", "wildfires spread in Greece", "markets react to the rate decision",
             "the Women's World Cup continues", "new climate records were set in July", "inflation slows again"],
            ["more soon.", "wow.", "thoughts?", "unbelievable."],
        ),
        "es": (["Última hora:", "Según la prensa,"], ["la ola de calor golpea España", "los incendios avanzan"], ["increíble.", "atentos."]),
        "de": (["Eilmeldung:", "Laut Medien"], ["die Hitzewelle erreicht Südeuropa", "die Inflation sinkt weiter"], ["krass.", "mal sehen."]),
        "it": (["Ultim'ora:", "Secondo i giornali"], ["l'ondata di caldo colpisce il sud", "gli incendi in Sicilia"], ["incredibile.", "vedremo."]),
        "ar": (["عاجل:", "حسب الصحف"], ["موجة الحر تضرب المنطقة", "ارتفاع الأسعار مستمر"], ["لا يصدق.", "تابعوا."]),
        "tr": (["Son dakika:", "Haberlere göre"], ["sıcak hava dalgası sürüyor", "enflasyon yüksek kalıyor"], ["inanılmaz.", "takipte."]),
        "az": (["Son xəbər:", "Mətbuata görə"], ["istilik dalğası davam edir", "qiymətlər yenə artır"], ["maraqlıdır.", "izləyirik."]),
    },
    "daily": {
        "fr": (["Ce soir", "Aujourd'hui", "Ce week-end", "Petit café et", "Enfin"],
               ["je regarde un film", "il fait beaucoup trop chaud", "les vacances commencent", "je termine mon livre",
                "on mange en terrasse", "le chat dort sur le clavier"], ["😂", "bonne soirée.", "la vie est belle.", "🙃", "enfin."]),
        "en": (["Tonight", "Today", "This weekend", "Coffee and"],
               ["I'm watching a movie", "it's way too hot", "holidays start", "finishing my book", "the cat is asleep on my desk"],
               ["😂", "good night.", "life is good.", "lol."]),
        "es": (["Hoy", "Este finde"], ["hace demasiado calor", "empiezan las vacaciones", "veo una peli"], ["😂", "buenas noches."]),
        "de": (["Heute", "Am Wochenende"], ["ist es viel zu heiß", "beginnt der Urlaub"], ["😂", "gute Nacht."]),
        "it": (["Oggi", "Stasera"], ["fa troppo caldo", "iniziano le vacanze"], ["😂", "buonanotte."]),
        "ar": (["اليوم", "الليلة"], ["الجو حار جدا", "بداية العطلة"], ["😂", "تصبحون على خير."]),
        "tr": (["Bugün", "Bu akşam"], ["hava çok sıcak", "tatil başlıyor"], ["😂", "iyi geceler."]),
        "az": (["Bu gün", "Bu axşam"], ["hava çox istidir", "tətil başlayır"], ["😂", "gecəniz xeyrə."]),
    },
    # topics of the copypasta-multilingual scenario (autumn 2023)
    "seine": {
        "fr": (["Baignade dans la Seine :", "Franchement,", "Encore une fois,", "Selon la mairie,"],
               ["la qualité de l'eau reste un problème", "les tests de nage ont été annulés", "les pluies polluent la Seine",
                "le bassin d'Austerlitz doit tout régler", "les triathlètes s'inquiètent"], ["on verra.", "bof.", "à suivre.", "sérieusement ?"]),
        "en": (["Swimming in the Seine:", "Honestly,", "Again,"],
               ["water quality is still a problem", "the swim tests were cancelled", "rain keeps polluting the river"],
               ["we'll see.", "yikes.", "hmm."]),
        "es": (["Nadar en el Sena:", "Otra vez,"], ["la calidad del agua sigue siendo un problema", "cancelaron las pruebas de natación"],
               ["veremos.", "qué asco."]),
        "de": (["Schwimmen in der Seine:", "Schon wieder"], ["die Wasserqualität bleibt ein Problem", "die Schwimmtests wurden abgesagt"],
               ["mal sehen.", "igitt."]),
        "it": (["Nuotare nella Senna:", "Di nuovo,"], ["la qualità dell'acqua resta un problema", "i test di nuoto sono stati annullati"],
               ["vedremo.", "che schifo."]),
    },
    "bedbugs": {
        "fr": (["Punaises de lit :", "Sérieux,", "Dans le RER ce matin,", "Mon voisin dit que"],
               ["on en a trouvé dans un cinéma", "les hôtels parisiens sont touchés", "les désinsectiseurs sont débordés",
                "le gouvernement réunit les transporteurs", "tout le monde regarde son siège dans le métro"], ["😱", "l'horreur.", "ça gratte.", "bon courage."]),
        "en": (["Bedbugs in Paris:", "Seriously,", "On the metro today"],
               ["they found them in a cinema", "hotels are affected", "exterminators are overwhelmed", "everyone checks their seat"],
               ["😱", "gross.", "no thanks."]),
        "es": (["Chinches en París:", "En serio,"], ["las encontraron en un cine", "los hoteles están afectados"], ["😱", "qué horror."]),
        "de": (["Bettwanzen in Paris:", "Im Ernst,"], ["man fand sie in einem Kino", "Hotels sind betroffen"], ["😱", "eklig."]),
        "it": (["Cimici dei letti a Parigi:", "Sul serio,"], ["le hanno trovate in un cinema", "gli hotel sono colpiti"], ["😱", "che orrore."]),
    },
    "security": {
        "fr": (["Sécurité des JO :", "Je lis que", "Question :"],
               ["il manque des milliers d'agents", "la cérémonie d'ouverture pourrait être réduite", "les drones seront interdits",
                "l'armée sera mobilisée"], ["inquiétant.", "on verra bien.", "logique."]),
        "en": (["Olympic security:", "I read that"], ["thousands of guards are missing", "the ceremony could be scaled down", "drones will be banned"],
               ["worrying.", "makes sense."]),
        "es": (["Seguridad de los Juegos:"], ["faltan miles de agentes", "la ceremonia podría reducirse"], ["preocupante."]),
        "de": (["Sicherheit bei Olympia:"], ["es fehlen Tausende Wachleute", "die Feier könnte verkleinert werden"], ["bedenklich."]),
        "it": (["Sicurezza olimpica:"], ["mancano migliaia di agenti", "la cerimonia potrebbe essere ridotta"], ["preoccupante."]),
    },
}

# topic -> language -> hashtags used organically on that topic (most posts carry none)
HASHTAGS: dict[str, dict[str, list[str]]] = {
    "paris2024": {"fr": ["JO2024", "Paris2024", "JOP2024", "J365"], "en": ["Paris2024", "Olympics", "OneYearToGo"],
                  "es": ["París2024", "JJOO"], "de": ["Olympia", "Paris2024"], "it": ["Parigi2024"], "ar": ["باريس2024"],
                  "tr": ["Paris2024"], "az": ["Paris2024"]},
    "riots": {"fr": ["Nahel", "émeutes", "JusticePourNahel", "Nanterre"], "en": ["FranceRiots", "Nahel"], "es": ["Francia"],
              "de": ["Frankreich"], "ar": ["فرنسا"], "tr": ["Fransa"], "az": ["Fransa"], "it": ["Francia"]},
    "news": {"fr": ["canicule", "info"], "en": ["breaking", "heatwave"], "es": ["olaDeCalor"], "de": ["Hitzewelle"],
             "it": ["caldo"], "ar": ["عاجل"], "tr": ["sondakika"], "az": ["xəbər"]},
    "daily": {},
    "seine": {"fr": ["Seine", "Paris2024"], "en": ["Seine", "Paris2024"], "es": ["Sena"], "de": ["Seine"], "it": ["Senna"]},
    "bedbugs": {"fr": ["punaisesdelit", "Paris"], "en": ["bedbugs", "Paris"], "es": ["chinches"], "de": ["Bettwanzen"], "it": ["cimici"]},
    "security": {"fr": ["JO2024", "sécurité"], "en": ["Paris2024"], "es": ["París2024"], "de": ["Olympia"], "it": ["Parigi2024"]},
}

EMOJI = ["🔥", "😂", "🙏", "👏", "😡", "🤔", "💪", "😢", "👀", "✨", "🇫🇷", "⚽", "🏅"]

# Place names spelt correctly, used organically (the misspelt Azeri forms live in scenarios.py).
FRENCH_CITIES = ["Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Bordeaux", "Montpellier", "Strasbourg",
                 "Lille", "Rennes", "Nanterre", "Grenoble", "Dijon"]

# Population groups: (name, utc_offset_hours in July, weight, languages with weights, locations, first names, last names, flag)
GROUPS = [
    ("france", 2, 34, {"fr": 0.93, "en": 0.05, "ar": 0.02}, FRENCH_CITIES + ["France", "Île-de-France", "Bretagne", ""],
     ["Julien", "Camille", "Léa", "Thomas", "Nicolas", "Sophie", "Manon", "Hugo", "Inès", "Karim", "Yanis", "Chloé", "Emma", "Lucas"],
     ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Petit", "Roux", "Fournier", "Benali", "Lefèvre"], "🇫🇷"),
    ("belgium_swiss", 2, 4, {"fr": 0.7, "de": 0.15, "en": 0.15}, ["Bruxelles", "Liège", "Genève", "Lausanne", "Belgique", ""],
     ["Maxime", "Elise", "Luca", "Noémie"], ["Dupont", "Peeters", "Müller", "Favre"], "🇧🇪"),
    ("quebec", -4, 3, {"fr": 0.8, "en": 0.2}, ["Montréal", "Québec", "Canada", ""], ["Gabriel", "Léa", "Félix"], ["Tremblay", "Gagnon", "Roy"], "🇨🇦"),
    ("west_africa", 0, 4, {"fr": 0.9, "en": 0.1}, ["Dakar", "Abidjan", "Bamako", "Sénégal", ""], ["Moussa", "Awa", "Ibrahima", "Fatou"],
     ["Diallo", "Traoré", "Koné", "Ndiaye"], "🇸🇳"),
    ("maghreb", 1, 5, {"fr": 0.55, "ar": 0.45}, ["Alger", "Casablanca", "Tunis", "Oran", "Rabat", ""], ["Amine", "Yasmine", "Sofiane", "Nour"],
     ["Benaissa", "El Idrissi", "Haddad", "Trabelsi"], "🇩🇿"),
    ("uk", 1, 8, {"en": 1.0}, ["London", "Manchester", "UK", "Leeds", ""], ["James", "Olivia", "Harry", "Amelia"], ["Smith", "Jones", "Taylor", "Brown"], "🇬🇧"),
    ("us_east", -4, 12, {"en": 0.92, "es": 0.08}, ["New York, NY", "Boston", "Washington, DC", "Atlanta, GA", "USA", ""],
     ["Michael", "Jessica", "Chris", "Ashley", "David"], ["Johnson", "Williams", "Miller", "Davis", "Garcia"], "🇺🇸"),
    ("us_west", -7, 6, {"en": 0.9, "es": 0.1}, ["Los Angeles, CA", "Seattle, WA", "San Francisco", ""], ["Ryan", "Megan", "Kevin"],
     ["Anderson", "Lee", "Martinez"], "🇺🇸"),
    ("spain", 2, 5, {"es": 1.0}, ["Madrid", "Barcelona", "Sevilla", "España", ""], ["Javier", "Lucía", "Pablo", "Marta"], ["García", "López", "Sánchez"], "🇪🇸"),
    ("latam", -5, 5, {"es": 1.0}, ["Ciudad de México", "Bogotá", "Lima", "Buenos Aires", ""], ["Alejandro", "Valentina", "Diego"],
     ["Hernández", "Rodríguez", "Gómez"], "🇲🇽"),
    ("germany", 2, 5, {"de": 1.0}, ["Berlin", "München", "Hamburg", "Deutschland", ""], ["Lukas", "Anna", "Felix", "Lena"], ["Müller", "Schmidt", "Schneider"], "🇩🇪"),
    ("italy", 2, 3, {"it": 1.0}, ["Roma", "Milano", "Napoli", "Italia", ""], ["Marco", "Giulia", "Luca"], ["Rossi", "Russo", "Ferrari"], "🇮🇹"),
    ("turkey", 3, 3, {"tr": 1.0}, ["İstanbul", "Ankara", "İzmir", "Türkiye", ""], ["Mehmet", "Ayşe", "Emre", "Zeynep"], ["Yılmaz", "Kaya", "Demir"], "🇹🇷"),
    # Organic Azerbaijani users exist: an Azerbaijani profile alone is no evidence of an operation.
    ("azerbaijan", 4, 1.5, {"az": 0.85, "tr": 0.05, "en": 0.1}, ["Bakı", "Gəncə", "Baku, Azerbaijan", "Azərbaycan", ""],
     ["Elvin", "Aysel", "Rauf", "Günay", "Orxan"], ["Məmmədov", "Əliyeva", "Hüseynov", "Quliyev"], "🇦🇿"),
    ("india", 5.5, 3, {"en": 1.0}, ["Mumbai", "Delhi", "Bengaluru", "India", ""], ["Rahul", "Priya", "Arjun"], ["Sharma", "Patel", "Singh"], "🇮🇳"),
    ("australia", 10, 2, {"en": 1.0}, ["Sydney", "Melbourne", "Australia", ""], ["Jack", "Chloe", "Liam"], ["Wilson", "Thompson"], "🇦🇺"),
]

BIOS = {
    "fr": ["Passionné de sport et de politique", "Papa, supporter du PSG", "Journaliste indépendante", "Étudiant à Lyon",
           "Les avis n'engagent que moi", "Prof d'histoire", "Fan de foot ⚽", "Entrepreneur", "Amoureux de Paris", ""],
    "en": ["Sports fan. Opinions my own.", "Dad, runner, coffee addict", "Journalist", "Student", "Travel & food", "Tech + politics", ""],
    "es": ["Periodista", "Amante del fútbol", "Estudiante", ""],
    "de": ["Sportfan", "Journalistin", "Student", ""],
    "it": ["Appassionato di sport", "Giornalista", ""],
    "ar": ["صحفي", "محب لكرة القدم", ""],
    "tr": ["Gazeteci", "Futbol sever", ""],
    "az": ["Jurnalist", "Futbol həvəskarı", "Bakı sevdalısı", ""],
}

CLIENTS = ["Twitter for iPhone", "Twitter for Android", "Twitter Web App", "TweetDeck", "Twitter for iPad"]
CLIENT_WEIGHTS = [0.42, 0.38, 0.15, 0.03, 0.02]

# Share-button news headlines: (outlet handle, domain, language, headline, path)
OUTLETS = [
    ("lemondefr", "lemonde.fr", "fr"), ("franceinfo", "francetvinfo.fr", "fr"), ("le_Parisien", "leparisien.fr", "fr"),
    ("Le_Figaro", "lefigaro.fr", "fr"), ("BBCWorld", "bbc.com", "en"), ("Reuters", "reuters.com", "en"),
    ("el_pais", "elpais.com", "es"), ("SZ", "sueddeutsche.de", "de"),
]
HEADLINES = {
    "fr": ["Paris 2024 : à un an des Jeux, où en sont les préparatifs ?", "Émeutes : le coût des dégâts estimé à un milliard d'euros",
           "JO 2024 : la cérémonie d'ouverture sur la Seine se précise", "Après les émeutes, les communes demandent de l'aide à l'État",
           "Canicule : vigilance orange dans le sud-est", "JO 2024 : la billetterie ouvre une nouvelle phase",
           "Violences urbaines : le bilan des condamnations", "Paris 2024 : le parcours de la flamme dévoilé"],
    "en": ["Paris 2024: one year out, how ready is the city?", "France riots: damage bill tops €1bn",
           "Olympic opening ceremony on the Seine: what we know", "Heatwave grips southern Europe"],
    "es": ["París 2024: a un año de los Juegos", "Francia calcula los daños de los disturbios"],
    "de": ["Olympia in Paris: noch ein Jahr", "Frankreich: Bilanz der Krawalle"],
}
