"""Hand-written texts of the scenarios' operations (the organic vocabulary is in vocab.py).

Every account, outlet and party figure here is fictional; the #BoycottParis2024 replica
follows the figures VIGINUM published, not the real posts (which are not public).
"""
from __future__ import annotations

from .operations import Message

# -- boycott-paris-2024 ---------------------------------------------------------------------
AZ_FIRST = ("Elvin", "Aysel", "Rauf", "Nigar", "Tural", "Leyla", "Murad", "Səbinə", "Kamran", "Günel", "Ramil", "Aygün",
            "Orxan", "Fərid", "Ülviyyə", "Nurlan")
AZ_LAST = ("Məmmədov", "Əliyev", "Hüseynov", "Həsənova", "Quliyev", "İsmayılov", "Cəfərli", "Abbasova", "Rəhimov",
           "Nəsirova")
AZ_LOCATIONS = ("Bakı", "Baku, Azerbaijan", "Gəncə", "Sumqayıt", "Şuşa", "Azərbaycan", "Lənkəran", "Bakı, Azərbaycan")
AZ_BIOS = ("Vətən sevgisi imandandır 🇦🇿", "Qarabağ Azərbaycandır!", "Azərbaycan Respublikasının vətəndaşıyam",
           "Həqiqət hər şeydən üstündür", "Xalqımın xidmətindəyəm 🇦🇿", "Ədalət və sülh tərəfdarıyam")
# Azeri-style transliterations of French place names, with the correct spelling
MISSPELT_PLACES = (("Bordo", "Bordeaux"), ("Monpelye", "Montpellier"), ("Marsel", "Marseille"), ("Tuluza", "Toulouse"),
                   ("Strasburq", "Strasbourg"), ("Nant", "Nantes"), ("Lill", "Lille"), ("Nitsa", "Nice"))

BOYCOTT_TEMPLATES = {
    "fr": ("Ne venez pas aux JO ! Les émeutes à {p1} et à {p2} montrent que la France n'est pas sûre.",
           "Touristes, attention : {p1} et {p2} brûlent encore. Boycott des Jeux de Paris !",
           "Après {p1} et {p2}, qui peut croire que Paris sera sûre en 2024 ?",
           "La France ne protège pas ses citoyens à {p1}, comment protégera-t-elle les athlètes ?",
           "Pillages à {p1}, violences à {p2} : voilà la France des JO 2024."),
    "en": ("Riots in {p1} and {p2}: France is not safe for the Olympics. Stay away!",
           "After {p1} and {p2}, who will protect the athletes in Paris 2024?"),
    "az": ("Fransada iğtişaşlar davam edir: {p1} və {p2} yanır. Paris 2024-ü boykot edin!",),
}
SEED_TEXTS = ("La France réprime sa jeunesse et veut accueillir le monde entier l'an prochain ?",
              "Un pays incapable de garantir la sécurité à Monpelye ne mérite pas les Jeux olympiques.",
              "Sportifs du monde entier, pensez à votre sécurité avant de venir en France.",
              "Les médias français cachent la vérité sur les violences. Partagez avant la censure !",
              "Paris 2024 sera les Jeux de la honte. Le monde doit réagir.",
              "Bordo, Marsel, Lion : la France brûle et le CIO se tait.")
OUTLET_TEXTS = ("🔴 Voici les images des émeutes que la France veut cacher aux visiteurs des JO 2024.",
                "🔴 URGENT | Nouvelles violences à Monpelye cette nuit, la police est débordée.",
                "🔴 Des touristes agressés à Marsel : les agences de voyage annulent les séjours pour 2024.",
                "🔴 Insécurité : plusieurs délégations envisagent de ne pas venir à Paris 2024.",
                "🔴 Bordo : les commerçants ferment plus tôt par peur des pillages.",
                "🔴 Sondage : la majorité des étrangers jugent la France dangereuse.")
OTHER_AZ = ("Bu gün Bakıda hava çox istidir ☀️", "Qarabağ Azərbaycandır! 🇦🇿", "Milli komandamıza uğurlar!",
            "Gözəl bir gün, hamıya uğurlar", "Şuşa bizimdir", "Bakı gecələri ✨")
FIGURE_TEXTS = ("Fransa insan haqlarından danışmağa haqqı yoxdur. Öz küçələrinə baxsın.",
                "Fransa hökuməti öz gənclərini susdurur, dünya bunu görür.",
                "Avropa təhlükəsizlik haqqında dərs verməzdən əvvəl Parisə baxsın.",
                "Azərbaycan sülh istəyir, Fransa isə ikili standartlar siyasəti aparır.")

# -- copypasta-multilingual -----------------------------------------------------------------
MESSAGES = (
    Message("Des punaises de lit ont été découvertes dans le village olympique. Les athlètes refusent déjà de venir à Paris.", "fr",
            ("On a trouvé des punaises de lit au village olympique : les sportifs ne veulent déjà plus venir à Paris.",
             "Le village olympique est infesté de punaises de lit et les athlètes annoncent qu'ils ne viendront pas à Paris."),
            {"en": "Bedbugs have been found in the Olympic village. Athletes are already refusing to come to Paris.",
             "es": "Se han descubierto chinches en la villa olímpica. Los atletas ya se niegan a venir a París.",
             "de": "Im olympischen Dorf wurden Bettwanzen entdeckt. Die Athleten weigern sich schon, nach Paris zu kommen.",
             "it": "Sono state scoperte cimici dei letti nel villaggio olimpico. Gli atleti si rifiutano già di venire a Parigi."}),
    Message("La Seine est un égout à ciel ouvert : les épreuves de natation des JO seront annulées et le gouvernement le cache.", "fr",
            ("Le gouvernement cache que les épreuves de nage des JO seront annulées, car la Seine n'est qu'un égout à ciel ouvert.",
             "La Seine, un égout géant : les courses de natation olympiques vont être supprimées, mais on nous le cache."),
            {"en": "The Seine is an open sewer: the Olympic swimming events will be cancelled and the government is hiding it.",
             "es": "El Sena es una cloaca a cielo abierto: las pruebas de natación olímpicas se cancelarán y el gobierno lo oculta.",
             "de": "Die Seine ist eine offene Kloake: Die olympischen Schwimmwettbewerbe werden abgesagt, und die Regierung verschweigt es.",
             "it": "La Senna è una fogna a cielo aperto: le gare di nuoto olimpiche saranno annullate e il governo lo nasconde."}),
    Message("Les hôpitaux de Paris ont reçu l'ordre de libérer des lits pour les JO, les malades ordinaires seront refusés.", "fr",
            ("Ordre a été donné aux hôpitaux parisiens de vider des lits pour les Jeux : les autres patients seront refoulés.",
             "Pendant les JO, les hôpitaux de Paris devront garder des lits libres et refuseront les malades ordinaires."),
            {"en": "Paris hospitals have been ordered to free up beds for the Olympics; ordinary patients will be turned away.",
             "es": "Los hospitales de París recibieron la orden de liberar camas para los Juegos; los enfermos comunes serán rechazados.",
             "de": "Die Pariser Krankenhäuser sollen Betten für Olympia freihalten, normale Patienten werden abgewiesen.",
             "it": "Gli ospedali di Parigi hanno ricevuto l'ordine di liberare letti per i Giochi, i malati comuni saranno respinti."}),
    Message("Le ministère a reconnu en secret qu'il manque 20 000 agents de sécurité pour les Jeux. La cérémonie sera un désastre.", "fr",
            ("En privé, le ministère admet un manque de 20 000 agents de sécurité pour les JO : la cérémonie va tourner au désastre.",
             "Il manquerait 20 000 agents de sécurité pour les Jeux, le ministère l'avoue en secret. Cérémonie catastrophique en vue."),
            {"en": "The ministry secretly admitted that 20,000 security guards are missing for the Games. The ceremony will be a disaster.",
             "es": "El ministerio reconoció en secreto que faltan 20 000 agentes de seguridad para los Juegos. La ceremonia será un desastre.",
             "de": "Das Ministerium hat heimlich zugegeben, dass für die Spiele 20.000 Sicherheitskräfte fehlen. Die Feier wird ein Desaster.",
             "it": "Il ministero ha ammesso in segreto che mancano 20.000 agenti di sicurezza per i Giochi. La cerimonia sarà un disastro."}),
    Message("Les Parisiens seront obligés de quitter leur logement pendant les Jeux pour loger les touristes, sans aucune compensation.", "fr",
            ("Pendant les JO, on forcera les Parisiens à laisser leur appartement aux touristes, et sans la moindre compensation.",
             "Aucune compensation : les habitants de Paris devront céder leur logement aux visiteurs des Jeux."),
            {"en": "Parisians will be forced to leave their homes during the Games to house tourists, without any compensation.",
             "es": "Los parisinos serán obligados a dejar sus viviendas durante los Juegos para alojar a turistas, sin compensación.",
             "de": "Die Pariser müssen während der Spiele ihre Wohnungen für Touristen räumen, ohne jede Entschädigung.",
             "it": "I parigini saranno costretti a lasciare le loro case durante i Giochi per ospitare i turisti, senza alcun risarcimento."}),
    Message("Des milliers de billets pour les JO ont été vendus deux fois : la billetterie officielle est une arnaque.", "fr",
            ("La billetterie officielle des JO est une escroquerie : des milliers de places ont été vendues en double.",
             "Arnaque à la billetterie olympique : des milliers de billets vendus à deux personnes différentes."),
            {"en": "Thousands of Olympic tickets were sold twice: the official ticket office is a scam.",
             "es": "Miles de entradas para los Juegos se vendieron dos veces: la taquilla oficial es una estafa.",
             "de": "Tausende Olympia-Tickets wurden doppelt verkauft: Der offizielle Ticketverkauf ist Betrug.",
             "it": "Migliaia di biglietti per i Giochi sono stati venduti due volte: la biglietteria ufficiale è una truffa."}),
)
GENERIC_FIRST = ("Alex", "Sam", "Marie", "Jan", "Laura", "Paul", "Nina", "Marc", "Eva", "Leo", "Clara", "Hugo")
GENERIC_LAST = ("Dupuis", "Weber", "Rossi", "Lopez", "Martin", "Fischer", "Moreau", "Bianchi", "Garcia", "Klein")
