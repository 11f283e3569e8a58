"""Word material for organic posts and profiles, per language and topic.

Organic text is built as ``opener + core + tail`` with independent random picks, so two
organic posts on the same topic share vocabulary (the topical-overlap trap near-duplicate
detection must avoid) without being copies of each other. Sizes are kept modest: the
combinatorics (and the random numbers, emoji and mentions added by ``text.py``) give
enough variety that exact organic collisions stay rare.

The core clauses of one topic are each language's own statements, never translations of
one another: posters in different languages write about the same events, names and places
in their own words, not sentence for sentence (a translation is what an operation's
variants are, and what a translation detector must find). So cross-language organic posts
overlap topically (the hard case) without being translations by construction;
``tests/test_simulate_vocab.py`` checks it with the multilingual sentence encoder.
"""
from __future__ import annotations

# topic -> language -> (openers, cores, tails); the cores are per-language statements (see above)
TOPICS: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = {
    "paris2024": {
        "fr": (
            ["Plus qu'un an avant les Jeux,", "J-365 :", "Franchement,", "Bon,", "À un an des JO,", "Vu ce soir :",
             "Paris 2024 :", "Je me demande si", "Incroyable,", "On y est presque,"],
            ["la cérémonie sur la Seine s'annonce folle", "les billets sont hors de prix",
             "le village olympique avance bien", "les transports ne seront jamais prêts",
             "la flamme passera par chez nous", "les bénévoles sont motivés", "le programme des épreuves est sorti",
             "la sécurité inquiète pas mal de monde", "le métro sera saturé",
             "les sites de compétition sont magnifiques", "les Parisiens vont fuir la ville",
             "le budget explose encore"],
            ["on verra bien.", "hâte d'y être !", "ça promet.", "quelle aventure.", "pas convaincu...", "allez les Bleus !",
             "on en reparle dans un an.", "trop fier.", "bref.", "vivement l'été prochain."],
        ),
        "en": (
            ["One year to go:", "Honestly,", "Just saw that", "Paris 2024 update:", "Can't believe", "So apparently",
             "Big day:", "Thread:"],
            ["breakdancing makes its Olympic debut in Paris", "Paris hotels are already booked out",
             "the Olympic pools are being built", "NBC is already running ads for the Games",
             "the surfing will be held in Tahiti, not in France", "Team USA picked a training base outside Paris",
             "I entered the ticket lottery and lost", "the marathon route goes past Versailles"],
            ["can't wait.", "we'll see.", "what a moment.", "not sure about this.", "Go team!", "let's go!", "wow."],
        ),
        "es": (
            ["A un año de los Juegos,", "Sinceramente,", "Atención:", "París 2024:"],
            ["España quiere superar las medallas de Barcelona 92",
             "el equipo de natación ya entrena pensando en París", "mi primo consiguió entradas para el baloncesto",
             "el tenis se jugará en Roland Garros"],
            ["¡qué ganas!", "ya veremos.", "increíble.", "vamos."],
        ),
        "de": (
            ["Noch ein Jahr bis Olympia:", "Ehrlich gesagt", "Paris 2024:"],
            ["die deutschen Ruderer trainieren schon für Paris", "der Fackellauf interessiert hier niemanden",
             "ARD und ZDF zeigen fast alles live", "Paris hat zu wenig öffentliche Toiletten für so viele Gäste"],
            ["mal sehen.", "ich freue mich.", "Wahnsinn.", "hmm."],
        ),
        "it": (
            ["Manca un anno alle Olimpiadi:", "Sinceramente", "Parigi 2024:"],
            ["la Federnuoto punta a dieci medaglie", "Parigi è vicina, ci andremo in treno",
             "la Rai ha comprato tutti i diritti TV"],
            ["che emozione!", "vedremo.", "forza Italia!"],
        ),
        "ar": (
            ["باقي سنة على الألعاب:", "بصراحة", "باريس 2024:"],
            ["المغرب يحلم بميدالية في الملاكمة", "رياضيونا يستعدون في معسكر بفرنسا",
             "النقل التلفزيوني سيكون على قناة بي إن"],
            ["ننتظر بفارغ الصبر.", "سنرى.", "رائع."],
        ),
        "tr": (
            ["Olimpiyatlara bir yıl kaldı:", "Açıkçası", "Paris 2024:"],
            ["voleybolcularımız madalya için gidiyor", "Paris'e gitmek için vize almak çok zor",
             "açılışı kafede izleyeceğiz"],
            ["heyecanlıyım.", "göreceğiz.", "harika."],
        ),
        "az": (
            ["Olimpiadaya bir il qaldı:", "Açığı,", "Paris 2024:"],
            ["güləşçilərimiz Parisdə medal qazanacaq", "cüdo komandası artıq hazırlaşır",
             "Bakıdan Parisə birbaşa uçuş yoxdur"],
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
            ["the viral footage from Marseille", "the curfews imposed in several towns",
             "the fundraiser for the police officer", "the travel warnings for tourists"],
            ["sad.", "nothing has changed.", "worth a read.", "terrible."],
        ),
        "es": (["Un mes después de los disturbios,", "Sigo pensando en"],
               ["la marcha blanca por Nahel", "los coches quemados en Nanterre"], ["triste.", "increíble."]),
        "de": (["Einen Monat nach den Krawallen", "Immer noch"], ["die Festnahmen von Jugendlichen in Lyon", "den Angriff auf das Haus eines Bürgermeisters"],
               ["traurig.", "unglaublich."]),
        "ar": (["بعد شهر من أعمال الشغب", "ما زلت أفكر في"], ["تعامل الإعلام الفرنسي مع الأحداث", "خوف الجالية العربية من العنصرية"], ["محزن.", "لا شيء تغير."]),
        "tr": (["İsyanlardan bir ay sonra", "Hâlâ"], ["Fransız polisinin sert müdahalesi", "Türk esnafının zarar gören dükkanları"], ["üzücü.", "inanılmaz."]),
        "az": (["İğtişaşlardan bir ay sonra", "Hələ də"], ["Fransa hökumətinin susqunluğu", "Parisdəki azərbaycanlı tələbələrin narahatlığı"], ["kədərlidir.", "dəhşətdir."]),
        "it": (["Un mese dopo le rivolte,"], ["il confronto con le rivolte del 2005"], ["triste."]),
    },
    "news": {
        "fr": (
            ["Info :", "À lire :", "Ce matin,", "Selon la presse,", "Important :", "Dernière minute :"],
            ["la canicule touche le sud du pays", "le remaniement du gouvernement fait parler",
             "les prix de l'essence remontent", "le Tour de France s'est terminé dimanche",
             "la rentrée scolaire se prépare", "les incendies reprennent dans le sud",
             "le pouvoir d'achat reste la priorité", "les vacanciers bloqués sur l'autoroute"],
            ["à suivre.", "incroyable.", "on en parle ?", "voilà.", "sans surprise."],
        ),
        "en": (
            ["Breaking:", "Read this:", "This morning", "Reports say", "Update:"],
            ["markets react to the rate decision", "the Women's World Cup continues",
             "new climate records were set in July", "wildfires spread in Greece",
             "a big tech company announced more layoffs", "the dock strike is finally over"],
            ["more soon.", "wow.", "thoughts?", "unbelievable."],
        ),
        "es": (["Última hora:", "Según la prensa,"], ["la sequía afecta al campo", "el Congreso sigue sin formar gobierno",
                "las hipotecas siguen subiendo", "el aceite de oliva está por las nubes",
                "Renfe anuncia nuevos abonos gratis", "no se puede salir a la calle con este calor"], ["increíble.", "atentos."]),
        "de": (["Eilmeldung:", "Laut Medien"], ["die Bahn streikt schon wieder", "die Mieten in München steigen weiter",
                "die Ampel streitet über das Heizungsgesetz", "der Preis des Deutschlandtickets steht zur Debatte",
                "der Rhein führt kaum noch Wasser"], ["krass.", "mal sehen."]),
        "it": (["Ultim'ora:", "Secondo i giornali"], ["l'Etna ha chiuso l'aeroporto di Catania", "i treni sono in ritardo ovunque",
                "la legge di bilancio slitta ancora", "il ponte sullo Stretto divide tutti",
                "i voli per la Sardegna costano una fortuna"], ["incredibile.", "vedremo."]),
        "ar": (["عاجل:", "حسب الصحف"], ["ارتفاع الأسعار مستمر", "الانتخابات تقترب", "انقطاع الماء في الأحياء الشعبية",
                "المنتخب يستعد لكأس أفريقيا", "تأشيرات فرنسا صارت صعبة"], ["لا يصدق.", "تابعوا."]),
        "tr": (["Son dakika:", "Haberlere göre"], ["asgari ücrete ara zam tartışılıyor", "İstanbul'da deprem tatbikatı yapıldı",
                "dolar yine rekor kırdı", "Galatasaray Şampiyonlar Ligi'nde", "Merkez Bankası faizi yine artırdı"], ["inanılmaz.", "takipte."]),
        "az": (["Son xəbər:", "Mətbuata görə"], ["Bakıda yeni metro stansiyası açılır", "Qarabağda bərpa işləri sürətlənir",
                "manatın məzənnəsi sabit qalır", "Xəzərin səviyyəsi azalır", "COP29 Bakıda keçiriləcək"], ["maraqlıdır.", "izləyirik."]),
    },
    "daily": {
        "fr": (["Ce soir", "Aujourd'hui", "Ce week-end", "Petit café et", "Enfin"],
               ["je regarde un film", "il fait beaucoup trop chaud", "les vacances commencent",
                "je termine mon livre", "on mange en terrasse", "le chat dort sur le clavier"], ["😂", "bonne soirée.", "la vie est belle.", "🙃", "enfin."]),
        "en": (["Tonight", "Today", "This weekend", "Coffee and"],
               ["the neighbours are drilling again", "I burnt the toast", "my flight got delayed",
                "I finally cleaned the garage", "the dog stole my sandwich"],
               ["😂", "good night.", "life is good.", "lol."]),
        "es": (["Hoy", "Este finde"], ["voy a la playa con los niños", "hay un atasco horrible", "me he apuntado al gimnasio",
                "mi abuela hace paella el domingo", "se me ha roto el móvil", "no hay quien duerma con este calor",
                "he terminado la serie por fin", "hoy toca limpiar la casa"], ["😂", "buenas noches."]),
        "de": (["Heute", "Am Wochenende"], ["wir fahren an den See", "mein Fahrrad hat schon wieder einen Platten",
                "ich warte seit einer Stunde auf den Techniker", "im Garten blühen endlich die Tomaten",
                "ich habe endlich meinen Balkon bepflanzt", "der Kuchen ist mir gut gelungen",
                "ich lerne gerade Gitarre"], ["😂", "gute Nacht."]),
        "it": (["Oggi", "Stasera"], ["ho preparato il ragù per tutta la famiglia", "il treno per Firenze è pieno",
                "mio figlio ha perso il primo dente", "ho comprato un ventilatore nuovo",
                "stasera pizza con gli amici", "il gatto non mi lascia lavorare", "finalmente si dorme"], ["😂", "buonanotte."]),
        "ar": (["اليوم", "الليلة"], ["أمي تحضر الكسكس اليوم", "انقطعت الكهرباء مرة أخرى", "أخيرا نجحت في الامتحان",
                "السهر مع العائلة في الحديقة", "القهوة مع الجيران بعد العصر", "ذاهبون إلى البحر"], ["😂", "تصبحون على خير."]),
        "tr": (["Bugün", "Bu akşam"], ["çay demledim, balkondayım", "maç için arkadaşlar geliyor", "yeni ayakkabı aldım",
                "vapurda martılara simit attım", "trafik berbat", "köpeği veterinere götürdüm"], ["😂", "iyi geceler."]),
        "az": (["Bu gün", "Bu axşam"], ["bulvarda gəzintiyə çıxdıq", "qonşular toya hazırlaşır", "yeni iş yerində ilk günüm",
                "axşam nərd oynayırıq", "serialı nəhayət bitirdim", "nəvələr bu gün bizə gəlir"], ["😂", "gecəniz xeyrə."]),
    },
    # topics of the copypasta-multilingual scenario (autumn 2023)
    "seine": {
        "fr": (["Baignade dans la Seine :", "Franchement,", "Encore une fois,", "Selon la mairie,"],
               ["la qualité de l'eau reste un problème", "les tests de nage ont été annulés",
                "les pluies polluent la Seine", "le bassin d'Austerlitz doit tout régler",
                "les triathlètes s'inquiètent"], ["on verra.", "bof.", "à suivre.", "sérieusement ?"]),
        "en": (["Swimming in the Seine:", "Honestly,", "Again,"],
               ["the mayor promises to swim in the river herself", "the clean-up cost more than a billion euros",
                "open-water swimmers trained in a lake instead", "a TikToker tested the water with a home kit",
                "bookmakers take bets on the Seine swim", "nobody I know would swim in it"],
               ["we'll see.", "yikes.", "hmm."]),
        "es": (["Nadar en el Sena:", "Otra vez,"], ["los atletas temen ponerse enfermos", "en 1923 se prohibió bañarse en el Sena",
                "la federación propone un plan B en Versalles", "un nadador español subió un vídeo desde la orilla",
                "los parisinos se ríen de la idea"],
               ["veremos.", "qué asco."]),
        "de": (["Schwimmen in der Seine:", "Schon wieder"], ["im Fluss wurden Kolibakterien gemessen", "Hausboote sollen ihr Abwasser nicht mehr einleiten",
                "ein Stadtstrand an der Seine öffnet nächsten Sommer",
                "die Kanalisation stammt noch aus dem 19. Jahrhundert", "die Bouquinisten am Ufer bleiben doch"],
               ["mal sehen.", "igitt."]),
        "it": (["Nuotare nella Senna:", "Di nuovo,"], ["il Tevere è messo anche peggio", "il nostro fondista è già pronto a tuffarsi",
                "la Senna in estate puzza", "sul ponte Alexandre III montano le tribune",
                "i pescatori parigini ridono"],
               ["vedremo.", "che schifo."]),
    },
    "bedbugs": {
        "fr": (["Punaises de lit :", "Sérieux,", "Dans le RER ce matin,", "Mon voisin dit que"],
               ["on en a trouvé dans un cinéma", "les hôtels parisiens sont touchés",
                "les désinsectiseurs sont débordés", "le gouvernement réunit les transporteurs",
                "tout le monde regarde son siège dans le métro"], ["😱", "l'horreur.", "ça gratte.", "bon courage."]),
        "en": (["Bedbugs in Paris:", "Seriously,", "On the metro today"],
               ["a friend had to throw out her mattress", "they were spotted on a high-speed train",
                "I'm washing everything at 60 degrees", "sniffer dogs are fully booked",
                "my landlord says it's the tenants' fault"],
               ["😱", "gross.", "no thanks."]),
        "es": (["Chinches en París:", "En serio,"], ["los turistas revisan las camas antes de dormir", "el metro de París está infestado según la prensa",
                "mi hermana volvió de París con la maleta en cuarentena",
                "los colegios franceses cierran aulas por las chinches", "aquí en Madrid nadie habla de otra cosa"], ["😱", "qué horror."]),
        "de": (["Bettwanzen in Paris:", "Im Ernst,"], ["angeblich sind sie schon in Köln angekommen", "im Flixbus aus Paris soll es welche gegeben haben",
                "Second-Hand-Möbel kaufe ich jetzt nicht mehr", "die Panik ist größer als das Problem",
                "Kieselgur soll helfen, sagt meine Oma"], ["😱", "eklig."]),
        "it": (["Cimici dei letti a Parigi:", "Sul serio,"], ["i giornali italiani esagerano come sempre", "ho comprato uno spray che non serve a niente",
                "l'hotel a Montmartre sembrava pulito", "le cimici resistono agli insetticidi",
                "mia zia non vuole più prendere il treno"], ["😱", "che orrore."]),
    },
    "security": {
        "fr": (["Sécurité des JO :", "Je lis que", "Question :"],
               ["il manque des milliers d'agents", "la cérémonie d'ouverture pourrait être réduite",
                "les drones seront interdits", "l'armée sera mobilisée"], ["inquiétant.", "on verra bien.", "logique."]),
        "en": (["Olympic security:", "I read that"], ["police unions want more staff", "AI cameras will watch the crowds",
                "hotel staff will need background checks", "snipers will be on the rooftops"],
               ["worrying.", "makes sense."]),
        "es": (["Seguridad de los Juegos:"], ["habrá zonas cerradas alrededor del Sena", "los vecinos necesitarán un código QR para salir de casa",
                "el riesgo terrorista está al máximo", "los antidisturbios no tendrán vacaciones"], ["preocupante."]),
        "de": (["Sicherheit bei Olympia:"], ["Sicherheitsfirmen zahlen einfach zu wenig", "Deutschland schickt Bundespolizisten nach Paris",
                "die Fanmeilen werden streng kontrolliert", "Cyberangriffe sind die größte Gefahr"], ["bedenklich."]),
        "it": (["Sicurezza olimpica:"], ["i biglietti saranno nominativi per sicurezza", "controlli anche sui battelli turistici",
                "i vigili del fuoco sono già stremati", "le stazioni avranno i metal detector"], ["preoccupante."]),
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
