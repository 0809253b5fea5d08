"""Support questions answered in the past: one entry per policy topic, with the ways customers actually asked.

Each topic has the answer the support team gave (the reference) and the customers' own wording, kept as written:
terse, polite, angry, with typos, in German, French, Spanish or Dutch (answered in the customer's language).
The first fourteen ids are the historical cases of the quickstart corpus, kept as they were.
"""

BRIGHTWELL = "brightwell"
TALLYBOOK = "tallybook"
FERNWAY = "fernway"

SUPPORT_INSTRUCTION = {
    BRIGHTWELL: "You answer customers of Brightwell, an online shop for home goods. Answer the customer's message "
                "in one or two sentences, in the customer's language.",
    TALLYBOOK: "You answer customers of Tallybook, an invoicing and bookkeeping app for small businesses. Answer the "
               "customer's message in one or two sentences, in the customer's language.",
    FERNWAY: "You answer riders of Fernway, an e-bike and e-scooter rental app. Answer the rider's message in one or "
             "two sentences, in the rider's language.",
}

# (id, brand, question, reference, extra tags). Ids of the quickstart's historical cases are kept unchanged.
QUICKSTART = [
    ("refund-window", BRIGHTWELL, "How many days do I have to return an item for a refund?", "30 days", ["smoke"]),
    ("shipping-cost", BRIGHTWELL, "Is shipping free for orders over 50 euros?", "yes", []),
    ("reset-password", BRIGHTWELL, "How do I reset my password?",
     "use the 'Forgot password' link on the sign-in page", []),
    ("order-status", BRIGHTWELL, "Where can I see the status of my order?", "on the Orders page of your account", []),
    ("cancel-order", BRIGHTWELL, "Can I cancel an order after it has shipped?", "no, but you can return it", []),
    ("payment-methods", BRIGHTWELL, "Which payment methods do you accept?", "card, PayPal and bank transfer",
     ["smoke"]),
    ("invoice-copy", BRIGHTWELL, "How do I get a copy of my invoice?", "download it from the Orders page", []),
    ("warranty-length", BRIGHTWELL, "How long is the warranty on electronics?", "2 years", ["smoke"]),
    ("change-address", BRIGHTWELL, "Can I change the delivery address after ordering?", "yes, until the order ships",
     []),
    ("gift-wrap", BRIGHTWELL, "Do you offer gift wrapping?", "yes, for 3 euros", []),
    ("store-hours", BRIGHTWELL, "What are the support hours?", "9:00 to 18:00, Monday to Friday", []),
    ("account-delete", BRIGHTWELL, "How do I delete my account?", "write to privacy@example.com", []),
    ("track-parcel", BRIGHTWELL, "My parcel has not moved for five days. What should I do?",
     "contact support with your order number", []),
    ("student-discount", BRIGHTWELL, "Is there a student discount?", "10 percent with a valid student card", []),
]

# topic -> (brand, reference answer, [(wording, language)])
TOPICS = {
    "return-window": (BRIGHTWELL,
        "You can return items within 30 days of delivery, unused and in their original packaging, for a full refund.",
        [("hi, bought a lamp 3 weeks ago and dont like it anymore. can i still send it back??", "en"),
         ("Good afternoon. I received my order on the 2nd and would like to return the rug. Am I still within the "
          "return period? Kind regards, Margaret", "en"),
         ("Wie lange habe ich Zeit, um eine Bestellung zurückzuschicken?", "de"),
         ("Hallo, ich habe die Bettwäsche vor zwei Wochen bekommen, sie ist noch originalverpackt. Kann ich sie "
          "zurückgeben?", "de")]),
    "free-shipping": (BRIGHTWELL,
        "Shipping is free on orders over 50 euros; below that, standard delivery costs 4.90 euros.",
        [("how much is delivery", "en"),
         ("My basket is at 47 euros. Do I pay shipping or is it free?", "en"),
         ("¿Cuánto cuesta el envío? Mi pedido es de 35 euros.", "es")]),
    "damaged-item": (BRIGHTWELL,
        "Send us a photo of the damage within 14 days of delivery and we will send a replacement or refund you; "
        "items under 30 euros do not need to be returned.",
        [("The glass vase arrived in pieces. What now?", "en"),
         ("Package came crushed and one of the four mugs is cracked. I want a new one not a refund.", "en"),
         ("Bonjour, le miroir est arrivé fissuré. Que dois-je faire ?", "fr"),
         ("Mon colis est arrivé abîmé, la théière a une fissure. Je dois la renvoyer ?", "fr"),
         ("Absolutely unacceptable. Third time a delivery from you arrives damaged. The lampshade is dented. "
          "Sort it out.", "en")]),
    "refund-timing": (BRIGHTWELL,
        "Refunds go back to your original payment method within 5 to 10 business days after the return reaches "
        "our warehouse.",
        [("I sent the chair back last Monday. When do I get my money?", "en"),
         ("Return was delivered to you on 12 March according to DHL, still no refund on my card. How long does "
          "this take?", "en"),
         ("Hoe lang duurt het voordat ik mijn geld terugkrijg na een retour?", "nl")]),
    "international-shipping": (BRIGHTWELL,
        "We deliver to all EU countries, the UK, Switzerland and Norway; for the UK, Switzerland and Norway any "
        "customs duties are paid by the customer on delivery.",
        [("Do you ship to Zurich?", "en"),
         ("Can I order from the UK after Brexit, and will I pay import fees?", "en"),
         ("Do you deliver to Canada?", "en")]),
    "price-match": (BRIGHTWELL,
        "We do not match other shops' prices, but you can sign up to our newsletter for a 10 percent welcome "
        "voucher.",
        [("Found the same sofa 80 euros cheaper elsewhere. Will you match it?", "en"),
         ("do u do price matching", "en")]),
    "assembly-service": (BRIGHTWELL,
        "We offer furniture assembly in Berlin, Hamburg, Munich, Vienna and Amsterdam for 39 euros per item; "
        "add it at checkout.",
        [("Can someone assemble the wardrobe for me? I'm in Hamburg.", "en"),
         ("Bietet ihr einen Aufbauservice für Betten an?", "de"),
         ("Is assembly available in Lyon?", "en")]),
    "back-in-stock": (BRIGHTWELL,
        "Click 'Notify me' on the product page and we will email you as soon as it is back in stock.",
        [("The oak side table has been sold out for weeks. Will it come back?", "en"),
         ("how do I know when the green cushion covers are available again", "en")]),
    "voucher-not-working": (BRIGHTWELL,
        "Only one voucher can be used per order, and vouchers do not apply to items already on sale.",
        [("Code WELCOME10 says invalid at checkout!!", "en"),
         ("I tried to use two discount codes and only one worked, is that normal?", "en"),
         ("Mein Gutscheincode funktioniert nicht bei reduzierten Artikeln. Warum?", "de")]),
    "exchange": (BRIGHTWELL,
        "Return the item and place a new order; exchanges of textiles for another size or colour are free of "
        "charge.",
        [("Can I swap the duvet cover for the king size one?", "en"),
         ("The curtains are the wrong colour, I want the grey ones instead. How do I exchange?", "en")]),
    "order-modify": (BRIGHTWELL,
        "You can add or remove items within one hour of ordering from the Orders page; after that the order goes "
        "to the warehouse and cannot be changed.",
        [("I forgot to add the matching pillowcases to my order from 10 minutes ago. Can I add them?", "en"),
         ("Can I still remove an item from order BW-2219843? I ordered yesterday.", "en")]),
    "klarna": (BRIGHTWELL,
        "Pay-later invoices through Klarna are available to customers in Germany and Austria, with 30 days to "
        "pay.",
        [("Kann ich auf Rechnung bezahlen?", "de"),
         ("Is buy now pay later available in the Netherlands?", "en")]),
    "cancel-subscription": (TALLYBOOK,
        "Go to Settings > Billing > Cancel plan; your account stays active until the end of the period you have "
        "paid for.",
        [("How do I cancel? I closed my business.", "en"),
         ("I want to stop my subscription but keep access until my year runs out in June. Possible?", "en"),
         ("Wie kündige ich mein Abo?", "de")]),
    "vat-number": (TALLYBOOK,
        "Add your VAT number under Settings > Company > Tax ID; it appears on every invoice you create after that.",
        [("Where do I put my VAT number so it shows on invoices?", "en"),
         ("My VAT ID isn't on the invoices I sent last week. I added it yesterday. Why?", "en"),
         ("¿Dónde añado mi NIF para que aparezca en las facturas?", "es")]),
    "export-data": (TALLYBOOK,
        "Use Reports > Export to download your invoices, expenses and contacts as CSV, or as a DATEV file for your "
        "accountant.",
        [("My accountant needs everything from 2025 in a spreadsheet. How?", "en"),
         ("Can I export to DATEV?", "en"),
         ("before I cancel I want all my data out. how", "en")]),
    "extra-users": (TALLYBOOK,
        "The Team plan includes 3 users and each extra seat costs 4 pounds a month, up to 10 users in total.",
        [("How many people can use one account?", "en"),
         ("We're 6 in the office, can we all log in? What does it cost?", "en")]),
    "lost-2fa": (TALLYBOOK,
        "Sign in with one of your recovery codes; if you have none, we verify your identity by email, which takes "
        "one to two business days.",
        [("Lost my phone, can't get the 2FA code, locked out. Invoices due today!!!", "en"),
         ("I changed phones and the authenticator app is empty now. How do I get back in?", "en"),
         ("J'ai perdu mon téléphone et je ne peux plus me connecter (double authentification).", "fr")]),
    "annual-refund": (TALLYBOOK,
        "Annual plans are refunded pro rata if you cancel within 14 days of the renewal date; after that the plan "
        "runs to the end of the year.",
        [("You renewed my annual plan yesterday without asking, I want the money back.", "en"),
         ("Can I get a refund for the remaining months of my yearly subscription?", "en")]),
    "bank-feed": (TALLYBOOK,
        "Reconnect the bank under Banking > Connections; banks require you to renew the consent every 90 days.",
        [("Bank transactions stopped importing two days ago.", "en"),
         ("Why do I have to log into my bank again every three months?", "en"),
         ("Mijn bankkoppeling werkt niet meer, er komen geen transacties binnen.", "nl")]),
    "invoice-numbering": (TALLYBOOK,
        "You can set the prefix and the next number under Settings > Invoices; numbers must stay sequential, so "
        "you cannot reuse or skip one.",
        [("Can I start my invoice numbers at 2026-001?", "en"),
         ("I deleted an invoice by mistake and now there's a gap in the numbers. Can I reuse INV-0042?", "en")]),
    "currencies": (TALLYBOOK,
        "You can invoice in over 30 currencies; reports convert everything to your home currency at the daily "
        "rate.",
        [("Can I send an invoice in USD while my company is in Ireland?", "en"),
         ("Do you support Swiss francs?", "en")]),
    "free-trial": (TALLYBOOK,
        "The free trial lasts 30 days and needs no card; your data stays if you choose a plan afterwards.",
        [("how long is the trial and do I need a credit card", "en"),
         ("If I start the trial and then pay, do I lose what I entered?", "en")]),
    "recurring-invoices": (TALLYBOOK,
        "Open the invoice, choose Make recurring and pick the interval; each new invoice is created and emailed "
        "automatically on its date.",
        [("I bill the same client every month. Can Tallybook do that automatically?", "en"),
         ("Gibt es wiederkehrende Rechnungen?", "de")]),
    "payment-reminders": (TALLYBOOK,
        "Turn on reminders under Settings > Reminders; they are emailed 3, 7 and 14 days after the due date, and "
        "you can edit the text.",
        [("Clients keep paying late. Can the app send reminders?", "en"),
         ("Can I change the wording of the automatic payment reminder? It sounds rude.", "en")]),
    "unlock-fails": (FERNWAY,
        "Turn on Bluetooth and location, stand next to the vehicle and try again; if it still fails, report it in "
        "the app and you will not be charged.",
        [("scooter wont unlock, app just spins", "en"),
         ("I scanned the QR code three times and the bike stays locked. Am I being charged?", "en"),
         ("El patinete no se desbloquea, ¿qué hago?", "es")]),
    "ride-not-ended": (FERNWAY,
        "A ride ends only when you park in a parking zone and confirm with a photo in the app; send us a dispute "
        "within 48 hours and we will review the charge.",
        [("I was charged 23 euros for a ride I ended an hour ago!", "en"),
         ("The app didn't end my ride last night and kept charging until 3am. Refund please.", "en"),
         ("Ich wurde für 2 Stunden berechnet, obwohl ich das Rad nach 10 Minuten abgestellt habe.", "de")]),
    "helmet": (FERNWAY,
        "We do not provide helmets, but we strongly recommend wearing your own.",
        [("Do the bikes come with a helmet?", "en"),
         ("is a helmet included", "en")]),
    "minimum-age": (FERNWAY,
        "You must be 18 to ride a scooter and 16 to ride an e-bike, and we check your ID when you sign up.",
        [("Can my 15 year old use a scooter with my account?", "en"),
         ("What's the minimum age for e-bikes?", "en")]),
    "pause-ride": (FERNWAY,
        "Yes, tap Pause in the app: the vehicle stays locked for you and costs 0.10 euros per minute.",
        [("Can I stop at the bakery without ending the ride?", "en"),
         ("how much is pause mode", "en")]),
    "accident": (FERNWAY,
        "Make sure everyone is safe and call emergency services if needed, then report the accident in the app "
        "within 24 hours; our insurance covers third-party liability.",
        [("I fell off the scooter and scratched a parked car. What do I do?", "en"),
         ("Had a crash on a Fernway bike, I'm fine but the bike isn't. Am I liable?", "en"),
         ("J'ai eu un accident avec une trottinette Fernway, que dois-je faire ?", "fr")]),
    "parking-fine": (FERNWAY,
        "Fines for vehicles parked outside a parking zone are passed on to the rider with a 15 euro handling fee.",
        [("Why was I charged a 15 euro fee plus a fine?", "en"),
         ("Got an email about a parking fine from the city. Is that for real?", "en")]),
    "ride-pass": (FERNWAY,
        "The monthly pass costs 19.99 euros and includes unlimited unlocks and 30 minutes of riding per day.",
        [("Do you have a monthly subscription?", "en"),
         ("Is there a student pass or something cheaper for daily commuting?", "en"),
         ("Hebben jullie een maandabonnement?", "nl")]),
    "low-battery": (FERNWAY,
        "If the battery runs out during a ride, park in the nearest parking zone and end the ride; we refund the "
        "last ten minutes.",
        [("The e-bike battery died halfway through my ride and I had to push it. Compensation?", "en"),
         ("scooter slowed down to walking speed, battery 3%. what now", "en")]),
}

# Messages a customer sent that the team did not answer with a policy: the right answer is to hand over.
HANDOVER = [
    ("handover-legal-threat", BRIGHTWELL,
     "If my refund is not in my account by Friday my lawyer will contact you. Order BW-2231007.",
     "I am sorry for the delay; I have passed your order to a colleague who will contact you by email today."),
    ("handover-gdpr-request", TALLYBOOK,
     "Under Article 15 GDPR I request a copy of all personal data you hold about me.",
     "We have forwarded your request to our data protection team, who will send your data within one month."),
    ("handover-harassment", FERNWAY,
     "Another rider threatened me at the parking zone on Karl-Marx-Straße tonight. I'm scared to use the app.",
     "I am very sorry; if you are in danger call 112. I have passed your report to our safety team, who will "
     "contact you today."),
    ("handover-unclear", BRIGHTWELL, "???", "Could you tell me a bit more about what you need help with?"),
    ("handover-off-topic", TALLYBOOK, "What's the best pizza place near your office lol",
     "I can only help with questions about Tallybook; is there anything about your account I can help with?"),
]

# The team answered in the customer's language: the reference of a topic in each language its customers wrote in.
TRANSLATED = {
    ("return-window", "de"): "Sie können Artikel innerhalb von 30 Tagen nach Lieferung unbenutzt und in der "
                             "Originalverpackung zurückgeben und erhalten den vollen Betrag erstattet.",
    ("free-shipping", "es"): "El envío es gratuito en pedidos de más de 50 euros; por debajo, el envío estándar "
                             "cuesta 4,90 euros.",
    ("damaged-item", "fr"): "Envoyez-nous une photo du dommage dans les 14 jours suivant la livraison et nous vous "
                            "enverrons un remplacement ou vous rembourserons ; inutile de renvoyer les articles de "
                            "moins de 30 euros.",
    ("refund-timing", "nl"): "Het geld staat binnen 5 tot 10 werkdagen nadat de retour ons magazijn bereikt weer op "
                             "je oorspronkelijke betaalmethode.",
    ("assembly-service", "de"): "Wir bieten den Möbelaufbau in Berlin, Hamburg, München, Wien und Amsterdam für 39 "
                                "Euro pro Artikel an; wählen Sie ihn an der Kasse aus.",
    ("voucher-not-working", "de"): "Pro Bestellung kann nur ein Gutschein eingelöst werden, und Gutscheine gelten "
                                   "nicht für bereits reduzierte Artikel.",
    ("klarna", "de"): "Kauf auf Rechnung über Klarna ist für Kundinnen und Kunden in Deutschland und Österreich "
                      "möglich, mit 30 Tagen Zahlungsziel.",
    ("cancel-subscription", "de"): "Gehen Sie zu Einstellungen > Abrechnung > Plan kündigen; Ihr Konto bleibt bis "
                                   "zum Ende des bezahlten Zeitraums aktiv.",
    ("vat-number", "es"): "Añade tu NIF en Ajustes > Empresa > Identificación fiscal; aparecerá en todas las "
                          "facturas que crees a partir de entonces.",
    ("lost-2fa", "fr"): "Connectez-vous avec l'un de vos codes de récupération ; si vous n'en avez pas, nous "
                        "vérifions votre identité par e-mail, ce qui prend un à deux jours ouvrés.",
    ("bank-feed", "nl"): "Koppel je bank opnieuw via Bankieren > Koppelingen; banken vragen je om de toestemming "
                         "elke 90 dagen te vernieuwen.",
    ("recurring-invoices", "de"): "Öffnen Sie die Rechnung, wählen Sie „Wiederkehrend machen“ und das Intervall; "
                                  "jede neue Rechnung wird an ihrem Datum automatisch erstellt und versendet.",
    ("unlock-fails", "es"): "Activa el Bluetooth y la ubicación, ponte junto al vehículo y vuelve a intentarlo; si "
                            "sigue fallando, infórmalo en la app y no se te cobrará.",
    ("ride-not-ended", "de"): "Eine Fahrt endet erst, wenn Sie in einer Parkzone abstellen und mit einem Foto in der "
                              "App bestätigen; senden Sie uns innerhalb von 48 Stunden einen Einspruch, dann prüfen "
                              "wir die Abbuchung.",
    ("accident", "fr"): "Assurez-vous que tout le monde est en sécurité et appelez les secours si nécessaire, puis "
                        "signalez l'accident dans l'application sous 24 heures ; notre assurance couvre la "
                        "responsabilité civile.",
    ("ride-pass", "nl"): "Het maandabonnement kost 19,99 euro en omvat onbeperkt ontgrendelen en 30 minuten rijden "
                         "per dag.",
}
