"""Classification: incoming messages routed by intent, product reviews by sentiment, and tickets by priority, each
with its closed label set and the label the team gave."""

INTENT_LABELS = ["billing", "delivery", "returns", "account", "technical", "feedback", "other"]

# (message, label), as received; several are ambiguous on purpose and carry the label the team settled on.
INTENT_MESSAGES = [
    ("I was charged twice for order BW-2208812.", "billing"),
    ("Why is there a 4,90 € shipping fee when my order was 52 €?", "billing"),
    ("My Tallybook invoice for March shows the wrong VAT amount, 19% instead of 7%.", "billing"),
    ("Can you send me a receipt with my company name on it?", "billing"),
    ("The card payment failed but the money left my account anyway", "billing"),
    ("Fernway charged me a 15 € handling fee. What for?", "billing"),
    ("Abbuchung doppelt erfolgt, bitte prüfen.", "billing"),
    ("Where is my parcel? Tracking hasn't updated since Tuesday.", "delivery"),
    ("The courier left my package with a neighbour I don't know.", "delivery"),
    ("Delivery was supposed to be yesterday, nobody came and nobody called.", "delivery"),
    ("Can you deliver on Saturday? I work during the week.", "delivery"),
    ("Mi pedido pone entregado pero no lo tengo.", "delivery"),
    ("only got 1 of 2 parcels", "delivery"),
    ("I'd like to send back the curtains, they are too short.", "returns"),
    ("Return label isn't attached to the email you sent.", "returns"),
    ("Does the 30-day return period start on the order date or the delivery date?", "returns"),
    ("I returned the lamp three weeks ago and still have no refund.", "returns"),
    ("Je voudrais retourner le plaid, il ne correspond pas à la photo.", "returns"),
    ("Can I return a sale item?", "returns"),
    ("I can't log in, it says my password is wrong but I just reset it.", "account"),
    ("Please change the email on my account to my new work address.", "account"),
    ("How do I add my accountant as a user?", "account"),
    ("Delete my account and all my data.", "account"),
    ("Ik wil mijn account samenvoegen met het account van mijn partner.", "account"),
    ("My ID verification for Fernway has been pending for four days.", "account"),
    ("The app crashes every time I open the map.", "technical"),
    ("CSV export gives me an empty file.", "technical"),
    ("Scanning the QR code on the scooter does nothing on my Pixel 8.", "technical"),
    ("Bank feed error: 'consent expired (code 403)'", "technical"),
    ("The website checkout button is greyed out in Firefox.", "technical"),
    ("Push notifications stopped after the last update.", "technical"),
    ("Die App zeigt seit dem Update nur einen weißen Bildschirm.", "technical"),
    ("Just wanted to say the delivery driver was lovely and the mugs are gorgeous!", "feedback"),
    ("Your new invoice templates look much more professional, thanks.", "feedback"),
    ("Suggestion: let us filter rides by month in the history.", "feedback"),
    ("The packaging had far too much plastic. Please do better.", "feedback"),
    ("Super service, merci beaucoup !", "feedback"),
    ("Are you hiring warehouse staff in Hamburg?", "other"),
    ("Can I visit your showroom?", "other"),
    ("I'm a journalist writing about e-scooter safety, who can I talk to?", "other"),
    ("Do you sell gift cards?", "other"),
    ("We are a hotel and want to order 200 towels. Do you do trade prices?", "other"),
    ("I was charged for a ride but the scooter never unlocked.", "billing"),
    ("My refund went to an old card that is closed now.", "returns"),
    ("Parcel arrived but the box was empty.", "delivery"),
    ("Two-factor codes arrive by SMS several minutes late.", "technical"),
    ("Can you change the name on my invoices from my maiden name?", "account"),
    ("hi", "other"),
]

SENTIMENT_LABELS = ["positive", "negative", "mixed"]

REVIEW_PRODUCTS = ["oak side table", "linen duvet cover", "stoneware mugs", "wool throw", "ceramic lamp",
                   "cast-iron casserole", "blackout curtains", "rattan basket"]
POSITIVE = ["Lovely quality, feels much more expensive than it was.", "Arrived in two days, very well packed.",
            "Exactly the colour in the photos.", "Sturdy and easy to put together, took me ten minutes.",
            "Washed it three times already and it still looks new.", "My partner loves it.",
            "Great value for the price."]
NEGATIVE = ["The colour is much greyer than on the website.", "One leg was shorter than the others, it wobbles.",
            "Started fraying after the first wash.", "Took three weeks to arrive and nobody told me why.",
            "Smells strongly of chemicals even after airing it for days.", "Customer service never replied.",
            "Chipped within a week of normal use."]
OPENINGS = ["", "Bought this for our new flat. ", "Second one I've ordered. ", "Gift for my mum. ",
            "Update after a month: "]


def reviews(rng, count):
    out = []
    seen = set()
    while len(out) < count:
        product = rng.choice(REVIEW_PRODUCTS)
        shape = rng.choice(["pp", "nn", "pn", "np", "p", "n"])
        sentences = [rng.choice(POSITIVE if s == "p" else NEGATIVE) for s in shape]
        if len(set(sentences)) < len(sentences):
            continue
        label = "positive" if set(shape) == {"p"} else "negative" if set(shape) == {"n"} else "mixed"
        stars = {"positive": rng.choice([4, 5]), "negative": rng.choice([1, 2]), "mixed": 3}[label]
        text = f"{stars}/5 - {product}. {rng.choice(OPENINGS)}{' '.join(sentences)}"
        if text in seen:
            continue
        seen.add(text)
        out.append((text, label))
    return out


PRIORITY_LABELS = ["urgent", "normal", "low"]

PRIORITY_MESSAGES = [
    ("Someone is using my account, I see rides in Lisbon and I'm in Berlin!", "urgent"),
    ("The scooter's brakes failed on a hill, I nearly got hit by a tram. Take it off the street: vehicle 4471.",
     "urgent"),
    ("All our invoices were sent to the wrong client email addresses this morning.", "urgent"),
    ("Locked out of Tallybook, payroll must go out in two hours.", "urgent"),
    ("There's a Fernway bike burning next to the Hauptbahnhof bike racks.", "urgent"),
    ("My card was charged 1,490 € instead of 14,90 €.", "urgent"),
    ("Parcel is three days late.", "normal"),
    ("The lampshade arrived dented, photo attached.", "normal"),
    ("Can't export to DATEV, need it by the end of the month.", "normal"),
    ("Refund still missing after two weeks.", "normal"),
    ("App logs me out every day.", "normal"),
    ("Would be nice to have a dark mode.", "low"),
    ("Do you plan to sell outdoor furniture?", "low"),
    ("Typo on your help page: 'recieve'.", "low"),
    ("Can I change the colour of my invoice template?", "low"),
    ("Just curious, are your towels organic cotton?", "low"),
]


def classification_cases(rng):
    out = []
    labels = ", ".join(INTENT_LABELS)
    for text, label in INTENT_MESSAGES:
        out.append({"kind": "intent", "text": text, "label": label, "labels": INTENT_LABELS,
                    "instruction": f"Classify the customer's message by what it is about. Answer with exactly one "
                                   f"label from: {labels}."})
    for text, label in reviews(rng, 30):
        out.append({"kind": "sentiment", "text": text, "label": label, "labels": SENTIMENT_LABELS,
                    "instruction": "Classify the sentiment of this product review. Answer with exactly one label "
                                   "from: positive, negative, mixed."})
    for text, label in PRIORITY_MESSAGES:
        out.append({"kind": "priority", "text": text, "label": label, "labels": PRIORITY_LABELS,
                    "instruction": "Classify how urgently this ticket needs a person. urgent: safety, security or "
                                   "money at stake right now; normal: a customer is blocked or waiting; low: "
                                   "questions and wishes. Answer with exactly one label from: urgent, normal, low."})
    return out
