"""Topic-independent phrase material per language: what makes organic posts differ.

People on one topic share its vocabulary but rarely a whole sentence. The topic phrases in
``vocab.TOPICS`` give the shared vocabulary; the slots below (a discourse marker, a time,
a place or company, a second clause, an aside, a reaction) are drawn independently per
post, so two organic posts agree on every slot only by rare chance, and near-identical
organic texts stay rare at millions of posts. Verbatim organic copies come from the
scenario's own mechanisms only (share-button headlines, retweets, named reuse).

Per language: ``lead`` (opening marker), ``when`` (time), ``where`` (place, company),
``join`` (connector to a second clause), ``aside`` (a personal comment), ``react`` (the
core of a reply or quote comment).
"""
from __future__ import annotations

_FR_CITIES = ["Paris", "Lyon", "Marseille", "Lille", "Toulouse", "Nantes", "Bordeaux", "Rennes", "Grenoble", "Nice", "Dijon",
              "Montpellier", "Strasbourg", "Reims", "Tours", "Angers", "Rouen", "Metz", "Brest", "Caen", "Nancy", "Pau"]

GENERIC: dict[str, dict[str, list[str]]] = {
    "fr": {
        "lead": ["Perso,", "Sérieux,", "Alors,", "Bref,", "Honnêtement,", "Bon,", "Mdr", "Ok,", "Attendez,", "Petite question :",
                 "Je dis ça je dis rien,", "Entre nous,", "Au fait,", "Tiens,", "Voilà,", "Oh là là,", "Euh,", "Clairement,",
                 "Pour info,", "Sans rire,", "Franchement bof,", "Rappel :"],
        "when": ["ce matin", "hier soir", "cet après-midi", "depuis lundi", "ce week-end", "tout à l'heure", "cette semaine",
                 "à midi", "depuis trois jours", "ce soir", "en rentrant du boulot", "pendant la pause", "hier",
                 "avant-hier", "depuis ce matin", "à l'instant", "en ce moment", "depuis une heure", "cette nuit",
                 "au réveil", "dans le train", "au petit-déj"],
        "where": [f"à {c}" for c in _FR_CITIES] + [
            "au boulot", "chez ma mère", "avec les collègues", "dans le métro", "au bureau", "chez mes parents",
            "avec mon frère", "au café du coin", "dans ma rue", "sur le quai du RER", "au marché", "avec ma coloc",
            "chez le coiffeur", "à la boulangerie", "au stade", "à la fac", "avec les potes", "en famille"],
        "join": ["et en plus", "mais", "alors que", "pendant que", "sachant que", "et surtout", "du coup", "bref,", "et puis"],
        "aside": ["je dis ça comme ça", "c'est mon avis", "qui l'eût cru", "comme d'hab", "j'avoue", "on en parle ?",
                  "personne n'en parle", "ça m'énerve", "ça me fait rire", "je suis partagé", "j'y crois pas",
                  "ça change tout", "on verra bien", "aucune surprise", "c'est triste", "je m'en doutais",
                  "rien de nouveau", "faut le dire", "quelle époque", "je rigole pas", "vous en pensez quoi ?"],
        "react": ["Tellement vrai", "N'importe quoi", "Je suis d'accord", "Source ?", "Pas du tout d'accord", "Exactement",
                  "C'est faux", "Haha", "Trop bien", "Ah bon ?", "Merci pour l'info", "On est d'accord", "Incroyable",
                  "Je confirme", "Pas sûr", "Bien dit", "La honte", "Ça alors", "Enfin quelqu'un qui le dit",
                  "Tu exagères", "Excellent", "C'est pas si simple", "Vrai", "Mouais", "Quelle blague", "Bravo"],
    },
    "en": {
        "lead": ["Honestly", "Ok so", "Look,", "Not gonna lie,", "Wait,", "Fun fact:", "Hot take:", "Lowkey", "PSA:", "Tbh",
                 "Genuinely,", "Ngl,", "Quick thought:", "Well,", "So yeah,", "Anyway,", "Imagine:", "Reminder:"],
        "when": ["this morning", "last night", "all week", "today", "this weekend", "right now", "since Monday", "earlier",
                 "at lunch", "on my commute", "tonight", "yesterday", "for days now", "just now", "before work", "after the game"],
        "where": ["in London", "in New York", "at work", "at home", "with my roommate", "on the train", "in Chicago",
                  "at the pub", "in Sydney", "with my dad", "at the gym", "in Toronto", "on campus", "in Manchester",
                  "at my desk", "in LA", "with friends", "in Mumbai", "at the office"],
        "join": ["and", "but", "while", "and honestly", "meanwhile", "also", "so", "and yet"],
        "aside": ["just saying", "change my mind", "not surprised", "idk", "thoughts?", "big if true", "for real",
                  "this is wild", "no comment", "makes sense", "I'm torn", "who knew", "classic", "sad but true",
                  "it is what it is", "let that sink in", "can confirm", "wild times"],
        "react": ["So true", "This", "Source?", "Nonsense", "Agreed", "Exactly", "Not really", "lol", "Wow", "Fair point",
                  "Thanks for sharing", "Totally", "Nope", "Same here", "Well said", "Interesting", "Big mood", "Hard disagree",
                  "Can't argue with that", "Finally someone said it", "Is this real?", "Yikes"],
    },
    "es": {
        "lead": ["Sinceramente,", "Bueno,", "Oye,", "La verdad,", "A ver,", "Ojo:", "Dato:", "Pues", "Vaya,", "Ya,"],
        "when": ["esta mañana", "anoche", "hoy", "este finde", "ahora mismo", "desde el lunes", "a mediodía", "ayer",
                 "esta semana", "de camino al curro"],
        "where": ["en Madrid", "en Barcelona", "en Sevilla", "en casa", "en el curro", "con mi hermana", "en el metro",
                  "en Valencia", "en México", "con los amigos", "en Bogotá", "en la oficina"],
        "join": ["y", "pero", "mientras", "y encima", "así que", "aunque"],
        "aside": ["lo digo y ya", "qué os parece", "sin más", "vaya tela", "como siempre", "no me sorprende", "en fin",
                  "es lo que hay", "qué fuerte", "ojo con esto"],
        "react": ["Totalmente", "Qué va", "¿Fuente?", "Exacto", "De acuerdo", "Jajaja", "Increíble", "Gracias por compartir",
                  "No es así", "Muy bien dicho", "Qué vergüenza", "Eso"],
    },
    "de": {
        "lead": ["Ehrlich,", "Also", "Na ja,", "Kurz:", "Mal ehrlich,", "Übrigens", "Tja,", "Hm,", "Achtung:", "Gut,"],
        "when": ["heute früh", "gestern Abend", "heute", "am Wochenende", "gerade", "seit Montag", "mittags", "gestern",
                 "diese Woche", "auf dem Heimweg"],
        "where": ["in Berlin", "in Hamburg", "in München", "zu Hause", "im Büro", "mit den Kollegen", "in der U-Bahn",
                  "in Köln", "in Wien", "mit meiner Schwester", "in Zürich", "im Zug"],
        "join": ["und", "aber", "während", "und dazu", "also", "obwohl"],
        "aside": ["nur so", "was meint ihr?", "wie immer", "keine Überraschung", "echt jetzt", "krass", "tja",
                  "mal sehen", "typisch", "unglaublich"],
        "react": ["Genau", "Quatsch", "Quelle?", "Stimmt", "Sehe ich auch so", "Haha", "Wahnsinn", "Danke fürs Teilen",
                  "Nicht wirklich", "Gut gesagt", "Peinlich", "Eben"],
    },
    "it": {
        "lead": ["Sinceramente,", "Allora,", "Boh,", "Ecco,", "Dai,", "Attenzione:", "Insomma,", "Beh,"],
        "when": ["stamattina", "ieri sera", "oggi", "questo weekend", "adesso", "da lunedì", "a pranzo", "ieri"],
        "where": ["a Roma", "a Milano", "a Napoli", "a casa", "in ufficio", "con i colleghi", "in metro", "a Torino",
                  "con mia sorella", "a Bologna"],
        "join": ["e", "ma", "mentre", "e poi", "quindi", "anche se"],
        "aside": ["lo dico e basta", "che ne pensate?", "come sempre", "nessuna sorpresa", "pazzesco", "vedremo",
                  "tipico", "incredibile"],
        "react": ["Verissimo", "Ma dai", "Fonte?", "Esatto", "D'accordo", "Ahah", "Pazzesco", "Grazie per la condivisione",
                  "Non proprio", "Ben detto"],
    },
    "ar": {
        "lead": ["بصراحة", "طيب", "اسمعوا", "للعلم", "يعني", "انتبهوا", "والله", "باختصار"],
        "when": ["هذا الصباح", "البارحة", "اليوم", "نهاية الأسبوع", "الآن", "منذ الاثنين", "ظهرا", "الليلة"],
        "where": ["في الجزائر", "في الدار البيضاء", "في تونس", "في البيت", "في العمل", "مع الأصدقاء", "في باريس",
                  "مع أخي", "في الرباط", "في وهران"],
        "join": ["و", "لكن", "بينما", "ثم", "لذلك", "رغم أن"],
        "aside": ["هذا رأيي", "ما رأيكم؟", "كالعادة", "لا مفاجأة", "غريب", "سنرى", "للأسف", "لا تعليق"],
        "react": ["صحيح", "كلام فارغ", "المصدر؟", "بالضبط", "أوافقك", "هههه", "لا يصدق", "شكرا على المشاركة", "ليس تماما",
                  "أحسنت"],
    },
    "tr": {
        "lead": ["Açıkçası", "Yani", "Bakın,", "Bu arada", "Dikkat:", "Neyse,", "Valla", "Kısacası"],
        "when": ["bu sabah", "dün akşam", "bugün", "hafta sonu", "şu an", "pazartesiden beri", "öğlen", "dün"],
        "where": ["İstanbul'da", "Ankara'da", "İzmir'de", "evde", "işte", "arkadaşlarla", "metroda", "Bursa'da",
                  "ablamla", "ofiste"],
        "join": ["ve", "ama", "bu arada", "üstelik", "yani", "gerçi"],
        "aside": ["benden söylemesi", "ne dersiniz?", "her zamanki gibi", "şaşırmadım", "ilginç", "göreceğiz",
                  "maalesef", "yorum yok"],
        "react": ["Aynen", "Saçmalık", "Kaynak?", "Kesinlikle", "Katılıyorum", "Haha", "İnanılmaz", "Paylaştığın için sağ ol",
                  "Pek değil", "Güzel söyledin"],
    },
    "az": {
        "lead": ["Açığı,", "Yəni", "Baxın,", "Yeri gəlmişkən,", "Diqqət:", "Nə isə,", "Vallah", "Qısası"],
        "when": ["bu səhər", "dünən axşam", "bu gün", "həftə sonu", "indi", "bazar ertəsindən bəri", "günorta", "dünən"],
        "where": ["Bakıda", "Gəncədə", "Sumqayıtda", "evdə", "işdə", "dostlarla", "metroda", "Lənkəranda", "qardaşımla",
                  "ofisdə"],
        "join": ["və", "amma", "həm də", "üstəlik", "yəni", "halbuki"],
        "aside": ["məndən demək", "siz nə deyirsiniz?", "həmişəki kimi", "təəccüblü deyil", "maraqlıdır", "görəcəyik",
                  "təəssüf", "şərh yoxdur"],
        "react": ["Doğrudur", "Cəfəngiyat", "Mənbə?", "Tamamilə", "Razıyam", "Haha", "İnanılmazdır", "Paylaşdığın üçün sağ ol",
                  "Elə deyil", "Yaxşı dedin"],
    },
}
