"""Extraction to JSON: documents customers and systems sent (order confirmations, invoices, address changes, ride
receipts, call-back requests, complaints about several orders), each with the JSON Schema the answer must satisfy
and the reference extraction. Names, places, dates and amounts are written the way each country writes them."""

import json
import random

PEOPLE = [
    ("Zoë Lefèvre", "zoe.lefevre", "FR"), ("Łukasz Wójcik", "lukasz.wojcik", "PL"),
    ("Nguyễn Thị Lan", "lan.nguyen", "DE"), ("Søren Østergaard", "soren.ostergaard", "DK"),
    ("José Álvarez Ruiz", "jalvarez", "ES"), ("Aoife Ní Bhriain", "aoife.nibhriain", "IE"),
    ("Mehmet Yılmaz", "mehmet.yilmaz", "DE"), ("Ana Cristina Sousa", "ana.sousa", "PT"),
    ("Ingrid Müller-Lüdenscheidt", "i.mueller", "DE"), ("Chidi Okonkwo", "chidi.okonkwo", "GB"),
    ("Priya Raghunathan", "priya.r", "GB"), ("Takeshi Yamamoto", "t.yamamoto", "NL"),
    ("Olga Kuznetsova", "olga.k", "AT"), ("Fatima Zahra El Amrani", "fz.elamrani", "FR"),
    ("Jean-Baptiste Moreau", "jb.moreau", "FR"), ("Katarzyna Nowak", "kasia.nowak", "PL"),
    ("Hannah Schmidt", "hannah.schmidt", "DE"), ("Liam O'Connor", "liam.oconnor", "IE"),
    ("María José Fernández", "mj.fernandez", "ES"), ("Giulia Bianchi", "giulia.bianchi", "IT"),
    ("Eszter Szabó", "eszter.szabo", "HU"), ("Dimitris Papadopoulos", "d.papadopoulos", "DE"),
    ("Anneke de Vries", "anneke.devries", "NL"), ("Mikael Virtanen", "mikael.virtanen", "FI"),
    ("Ruth Cohen", "ruth.cohen", "GB"), ("Wei Zhang", "wei.zhang", "NL"), ("Sipho Ndlovu", "sipho.ndlovu", "GB"),
    ("Matthias Huber", "m.huber", "CH"), ("Élodie Garnier", "elodie.garnier", "FR"), ("Jonas Berg", "jonas.berg", "DK"),
]

ADDRESSES = {
    "DE": [("Kastanienallee 12", "10435", "Berlin"), ("Schanzenstraße 3a", "20357", "Hamburg"),
           ("Leopoldstraße 88", "80802", "München"), ("Körnerstraße 41", "50823", "Köln")],
    "AT": [("Mariahilfer Straße 104/7", "1070", "Wien"), ("Herrengasse 9", "8010", "Graz")],
    "FR": [("12 rue Oberkampf", "75011", "Paris"), ("4 quai Saint-Vincent", "69001", "Lyon"),
           ("27 cours Julien", "13006", "Marseille")],
    "ES": [("Calle de Atocha 54, 3º B", "28012", "Madrid"), ("Carrer de Verdi 17", "08012", "Barcelona")],
    "PT": [("Rua da Rosa 130", "1200-389", "Lisboa")],
    "IE": [("14 Pembroke Road", "D04 EV65", "Dublin")],
    "PL": [("ul. Józefa 22/5", "31-056", "Kraków"), ("ul. Hoża 51", "00-681", "Warszawa")],
    "GB": [("221 Deansgate", "M3 4EN", "Manchester"), ("8 Gloucester Road", "BS7 8AE", "Bristol")],
    "NL": [("Eerste Helmersstraat 96", "1054 EG", "Amsterdam"), ("Witte de Withstraat 30", "3012 BR", "Rotterdam")],
    "DK": [("Jægersborggade 19", "2200", "København N")],
    "IT": [("Via Paolo Sarpi 15", "20154", "Milano")],
    "HU": [("Király utca 26", "1061", "Budapest")],
    "FI": [("Fredrikinkatu 33", "00120", "Helsinki")],
    "CH": [("Langstrasse 120", "8004", "Zürich")],
}

COUNTRY_NAMES = {"DE": "Germany", "AT": "Austria", "FR": "France", "ES": "Spain", "PT": "Portugal",
                 "IE": "Ireland", "PL": "Poland", "GB": "United Kingdom", "NL": "Netherlands", "DK": "Denmark",
                 "IT": "Italy", "HU": "Hungary", "FI": "Finland", "CH": "Switzerland"}

CURRENCY = {"GB": "GBP", "CH": "CHF", "DK": "DKK", "PL": "PLN", "HU": "HUF"}

PRODUCTS = [
    ("Oak side table", 149.00), ("Linen duvet cover 200x200", 89.90), ("Stoneware mug set (4)", 34.50),
    ("Wool throw, sage", 59.00), ("Ceramic table lamp", 74.95), ("Bamboo bath mat", 19.90),
    ("Cast-iron casserole 24 cm", 119.00), ("Glass carafe 1 l", 16.50), ("Blackout curtains 140x245", 64.00),
    ("Rattan laundry basket", 42.00), ("Cotton waffle towels (2)", 27.80), ("Walnut serving board", 38.00),
]

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"]


def written_date(rng, y, m, d, country):
    """A date as someone in that country would write it; the reference is always ISO 8601."""
    style = rng.choice(["iso", "local", "words"])
    if style == "iso":
        return f"{y}-{m:02d}-{d:02d}"
    if country in ("DE", "AT", "CH", "PL", "DK", "FI", "HU"):
        return f"{d:02d}.{m:02d}.{y}" if style == "local" else f"{d}. {MONTHS_DE[m - 1]} {y}"
    if country == "FR":
        return f"{d:02d}/{m:02d}/{y}" if style == "local" else f"{d} {MONTHS_FR[m - 1]} {y}"
    if country in ("GB", "IE"):
        return f"{d:02d}/{m:02d}/{y}" if style == "local" else f"{d} {MONTHS_EN[m - 1]} {y}"
    return f"{d}/{m}/{y}" if style == "local" else f"{MONTHS_EN[m - 1]} {d}, {y}"


def written_amount(rng, amount, currency, country):
    """An amount in the local convention: '1.234,50 €', '£1,234.50', 'CHF 1'234.50', 'EUR 1234.50'."""
    whole, cents = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}"
    if currency == "EUR" and country in ("DE", "AT", "FR", "ES", "PT", "IT", "NL", "FI") and rng.random() < 0.7:
        sep = " " if country == "FR" else "."
        return groups.replace(",", sep) + "," + cents + " €"
    if currency == "GBP":
        return "£" + groups + "." + cents
    if currency == "CHF":
        return "CHF " + groups.replace(",", "'") + "." + cents
    if currency in ("DKK", "PLN", "HUF"):
        local = {"DKK": "kr.", "PLN": "zł", "HUF": "Ft"}[currency]
        return groups.replace(",", ".") + "," + cents + " " + local if rng.random() < 0.5 else \
            currency + " " + whole + "." + cents
    return rng.choice(["€", "EUR "]) + groups + "." + cents


def date_parts(rng, year=2026):
    m = rng.randint(1, 11)
    d = rng.randint(1, 28)
    return year, m, d


ADDRESS_SCHEMA = {"type": "object", "required": ["street", "postcode", "city", "country"],
                  "properties": {"street": {"type": "string"}, "postcode": {"type": "string"},
                                 "city": {"type": "string"}, "country": {"type": "string", "pattern": "^[A-Z]{2}$"}},
                  "additionalProperties": False}

ORDER_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["order_id", "customer_name", "order_date", "items", "total", "currency", "delivery_address"],
    "properties": {
        "order_id": {"type": "string", "pattern": "^BW-[0-9]{7}$"},
        "customer_name": {"type": "string"},
        "order_date": {"type": "string", "format": "date"},
        "items": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name", "quantity", "unit_price"],
            "properties": {"name": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1},
                           "unit_price": {"type": "number"}}, "additionalProperties": False}},
        "total": {"type": "number"},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        "delivery_address": ADDRESS_SCHEMA},
    "additionalProperties": False}

INVOICE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["invoice_number", "issuer", "client", "issue_date", "due_date", "net", "vat_rate", "gross",
                 "currency"],
    "properties": {
        "invoice_number": {"type": "string"}, "issuer": {"type": "string"}, "client": {"type": "string"},
        "issue_date": {"type": "string", "format": "date"},
        "due_date": {"type": ["string", "null"], "format": "date"},
        "net": {"type": "number"}, "vat_rate": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
        "gross": {"type": "number"}, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}},
    "additionalProperties": False}

ADDRESS_CHANGE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["customer_name", "email", "order_id", "new_address"],
    "properties": {"customer_name": {"type": "string"}, "email": {"type": ["string", "null"]},
                   "order_id": {"type": ["string", "null"]}, "new_address": ADDRESS_SCHEMA},
    "additionalProperties": False}

RIDE_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["ride_id", "vehicle", "city", "start", "duration_minutes", "distance_km", "price", "currency"],
    "properties": {"ride_id": {"type": "string"}, "vehicle": {"enum": ["e-bike", "e-scooter"]},
                   "city": {"type": "string"}, "start": {"type": "string", "format": "date-time"},
                   "duration_minutes": {"type": "integer", "minimum": 0},
                   "distance_km": {"type": ["number", "null"]}, "price": {"type": "number"},
                   "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}},
    "additionalProperties": False}

CALLBACK_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["name", "phone", "preferred_date", "preferred_time", "topic"],
    "properties": {"name": {"type": "string"}, "phone": {"type": ["string", "null"]},
                   "preferred_date": {"type": ["string", "null"], "format": "date"},
                   "preferred_time": {"type": ["string", "null"], "pattern": "^[0-2][0-9]:[0-5][0-9]$"},
                   "topic": {"enum": ["billing", "delivery", "returns", "account", "technical", "other"]}},
    "additionalProperties": False}

COMPLAINT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
    "required": ["customer_name", "orders"],
    "properties": {"customer_name": {"type": "string"}, "orders": {"type": "array", "minItems": 1, "items": {
        "type": "object", "required": ["order_id", "problem"],
        "properties": {"order_id": {"type": "string", "pattern": "^BW-[0-9]{7}$"},
                       "problem": {"enum": ["damaged", "missing", "late", "wrong_item"]}},
        "additionalProperties": False}}},
    "additionalProperties": False}


def instruction(what, fields):
    return (f"Extract {what} from the text below. Reply with one JSON object with exactly these fields: {fields}. "
            "Write dates as YYYY-MM-DD, amounts as numbers without currency signs, currencies as ISO 4217 codes and "
            "countries as ISO 3166 two-letter codes. Use null for anything the text does not state.")


def order_confirmation(rng, n):
    name, login, country = rng.choice(PEOPLE)
    street, postcode, city = rng.choice(ADDRESSES[country])
    currency = CURRENCY.get(country, "EUR")
    if currency not in ("EUR", "GBP", "CHF"):
        currency = "EUR"
    y, m, d = date_parts(rng)
    items = []
    for product, price in rng.sample(PRODUCTS, rng.choice([1, 1, 2, 2, 3, 4])):
        if currency == "GBP":
            price = round(price * 0.86, 2)
        elif currency == "CHF":
            price = round(price * 0.95, 1)
        items.append((product, rng.choice([1, 1, 1, 2, 3]), price))
    subtotal = round(sum(q * p for _, q, p in items), 2)
    shipping = 0.0 if subtotal >= 50 else 4.90
    total = round(subtotal + shipping, 2)
    order_id = f"BW-{rng.randint(2000000, 2399999)}"
    lines = "\n".join(f"  {q} x {p}  ...  {written_amount(rng, q * pr, currency, country)}" for p, q, pr in items)
    first = name.split()[0]
    body = rng.choice([
        f"Hi {first},\n\nthank you for your order {order_id} of {written_date(rng, y, m, d, country)}!\n\n{lines}\n"
        f"  Shipping: {'free' if shipping == 0 else written_amount(rng, shipping, currency, country)}\n"
        f"  Total: {written_amount(rng, total, currency, country)}\n\nWe will deliver to:\n{name}\n{street}\n"
        f"{postcode} {city}\n{COUNTRY_NAMES[country]}\n\nBrightwell Customer Care",
        f"Order confirmation\nOrder number: {order_id}\nDate: {written_date(rng, y, m, d, country)}\n"
        f"Customer: {name} <{login}@example.com>\n\nItems:\n{lines}\n\n"
        f"Grand total (incl. VAT and delivery): {written_amount(rng, total, currency, country)}\n"
        f"Ship to: {street}, {postcode} {city}, {COUNTRY_NAMES[country]}",
    ])
    reference = {"order_id": order_id, "customer_name": name, "order_date": f"{y}-{m:02d}-{d:02d}",
                 "items": [{"name": p, "quantity": q, "unit_price": pr} for p, q, pr in items],
                 "total": total, "currency": currency,
                 "delivery_address": {"street": street, "postcode": postcode, "city": city, "country": country}}
    tags = ["multi-entity"] if len(items) > 1 else []
    return ("order", body, reference, ORDER_SCHEMA,
            instruction("the order", "order_id, customer_name, order_date, items (name, quantity, unit_price), "
                                     "total, currency, delivery_address (street, postcode, city, country)"), tags)


ISSUERS = [("Atelier Moreau SARL", "FR"), ("Huber Grafik GmbH", "CH"), ("Kowalczyk IT Consulting", "PL"),
           ("Fernández Traducciones S.L.", "ES"), ("Blackbird Joinery Ltd", "GB"), ("De Vries Fotografie", "NL"),
           ("Studio Bianchi", "IT"), ("Szabó és Társa Kft.", "HU"), ("O'Connor Plumbing", "IE"),
           ("Grünwerk Landschaftsbau", "DE")]
CLIENTS = ["Café Nordlicht", "Hotel Miramar", "Brightwell GmbH", "Stadtbibliothek Ost", "Praxis Dr. Öztürk",
           "Kaffebar Løvstræde", "Bäckerei Sonnenschein", "Librería Alborada", "The Crooked Spoon", "Atelier 9"]
VAT = {"FR": 20, "CH": 8.1, "PL": 23, "ES": 21, "GB": 20, "NL": 21, "IT": 22, "HU": 27, "IE": 23, "DE": 19}


def invoice(rng, n):
    issuer, country = rng.choice(ISSUERS)
    client = rng.choice(CLIENTS)
    currency = CURRENCY.get(country, "EUR")
    net = round(rng.choice([180, 240, 420, 650, 980, 1250, 3400, 12800]) * rng.uniform(0.8, 1.3), 2)
    if currency == "HUF":
        net = float(round(net * 390))
    small_business = country == "DE" and rng.random() < 0.5
    rate = None if small_business else VAT[country]
    gross = net if rate is None else round(net * (1 + rate / 100), 2)
    y, m, d = date_parts(rng)
    due = None if rng.random() < 0.3 else (y, m + 1 if m < 12 else m, d)
    number = rng.choice([f"INV-{y}-{rng.randint(1, 480):04d}", f"{y}/{rng.randint(1, 99):03d}",
                         f"R{rng.randint(10000, 99999)}"])
    vat_line = ("Kein Ausweis der Umsatzsteuer (Kleinunternehmer, § 19 UStG)" if small_business else
                f"VAT {rate}%: {written_amount(rng, gross - net, currency, country)}")
    terms = (f"Payable by {written_date(rng, *due, country)}." if due else
             rng.choice(["Payable on receipt.", "Thank you for your business!", ""]))
    body = (f"{issuer}\nINVOICE {number}\nDate: {written_date(rng, y, m, d, country)}\nBill to: {client}\n\n"
            f"Services rendered ... {written_amount(rng, net, currency, country)}\n{vat_line}\n"
            f"Total due: {written_amount(rng, gross, currency, country)}\n{terms}").strip()
    reference = {"invoice_number": number, "issuer": issuer, "client": client, "issue_date": f"{y}-{m:02d}-{d:02d}",
                 "due_date": f"{due[0]}-{due[1]:02d}-{due[2]:02d}" if due else None, "net": net, "vat_rate": rate,
                 "gross": gross, "currency": currency}
    tags = (["missing-field"] if due is None or rate is None else [])
    return ("invoice", body, reference, INVOICE_SCHEMA,
            instruction("the invoice details", "invoice_number, issuer, client, issue_date, due_date, net, vat_rate "
                                               "(percent), gross, currency"), tags)


def address_change(rng, n):
    name, login, country = rng.choice(PEOPLE)
    street, postcode, city = rng.choice(ADDRESSES[country])
    with_order = rng.random() < 0.7
    with_email = rng.random() < 0.75
    order_id = f"BW-{rng.randint(2000000, 2399999)}" if with_order else None
    order_text = f" for order {order_id}" if with_order else ""
    signoff = f"{name}" + (f"\n{login}@example.com" if with_email else "")
    body = rng.choice([
        f"Hello,\n\nI moved last week. Please send my parcel{order_text} to my new address:\n{street}\n{postcode} "
        f"{city}\n{COUNTRY_NAMES[country]}\n\nThanks,\n{signoff}",
        f"hi can you change the delivery address{order_text}?? new one is {street}, {postcode} {city} "
        f"({COUNTRY_NAMES[country]}). cheers {signoff}",
        f"Dear Brightwell team, I entered my old address by mistake{order_text}. The correct address is "
        f"{street}, {postcode} {city}, {COUNTRY_NAMES[country]}. Best regards, {signoff}",
    ])
    reference = {"customer_name": name, "email": f"{login}@example.com" if with_email else None,
                 "order_id": order_id,
                 "new_address": {"street": street, "postcode": postcode, "city": city, "country": country}}
    tags = [] if with_order and with_email else ["missing-field"]
    return ("address-change", body, reference, ADDRESS_CHANGE_SCHEMA,
            instruction("the address change request", "customer_name, email, order_id, new_address (street, "
                                                      "postcode, city, country)"), tags)


RIDE_CITIES = [("Berlin", "EUR", "DE"), ("Wien", "EUR", "AT"), ("Amsterdam", "EUR", "NL"), ("Paris", "EUR", "FR"),
               ("Warszawa", "PLN", "PL"), ("København", "DKK", "DK"), ("Zürich", "CHF", "CH"), ("Lisboa", "EUR", "PT")]


def ride_receipt(rng, n):
    city, currency, country = rng.choice(RIDE_CITIES)
    vehicle = rng.choice(["e-bike", "e-scooter"])
    y, m, d = date_parts(rng)
    hh, mm = rng.randint(6, 22), rng.randint(0, 59)
    minutes = rng.randint(3, 55)
    km = round(minutes * rng.uniform(0.18, 0.3), 1) if rng.random() < 0.8 else None
    per_min = {"EUR": 0.25, "PLN": 0.89, "DKK": 2.5, "CHF": 0.39}[currency]
    unlock = {"EUR": 1.0, "PLN": 3.5, "DKK": 10.0, "CHF": 1.5}[currency]
    price = round(unlock + minutes * per_min, 2)
    ride_id = f"FW-{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}{rng.randint(100000, 999999)}"
    dist = f"Distance: {km} km\n" if km is not None else "Distance: not available (GPS signal lost)\n"
    body = (f"Fernway ride receipt {ride_id}\n{vehicle.replace('e-', 'E-')} in {city}\n"
            f"Started {written_date(rng, y, m, d, country)} at {hh:02d}:{mm:02d}\nDuration: {minutes} min\n{dist}"
            f"Unlock {written_amount(rng, unlock, currency, country)} + {minutes} min x "
            f"{written_amount(rng, per_min, currency, country)}\nTotal charged: "
            f"{written_amount(rng, price, currency, country)}")
    reference = {"ride_id": ride_id, "vehicle": vehicle, "city": city,
                 "start": f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00", "duration_minutes": minutes,
                 "distance_km": km, "price": price, "currency": currency}
    return ("ride", body, reference, RIDE_SCHEMA,
            instruction("the ride", "ride_id, vehicle (e-bike or e-scooter), city, start (YYYY-MM-DDTHH:MM:SS, local "
                                    "time), duration_minutes, distance_km, price, currency"),
            [] if km is not None else ["missing-field"])


CALLBACK_TOPICS = [("billing", "a charge on my card I don't recognise"), ("delivery", "my delivery that never came"),
                   ("returns", "returning a sofa that doesn't fit through the door"),
                   ("account", "merging my two customer accounts"), ("technical", "the app crashing at checkout"),
                   ("other", "a possible partnership with our interior design studio")]
PHONES = {"DE": "+49 30 {}", "FR": "+33 6 {}", "ES": "+34 6{}", "GB": "07700 900{}", "NL": "+31 6 {}",
          "PL": "+48 512 {}", "IE": "+353 87 {}", "AT": "+43 664 {}", "IT": "+39 347 {}", "DK": "+45 {}",
          "HU": "+36 30 {}", "FI": "+358 40 {}", "CH": "+41 79 {}", "PT": "+351 91 {}"}


def callback(rng, n):
    name, login, country = rng.choice(PEOPLE)
    topic, about = rng.choice(CALLBACK_TOPICS)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(7 if country != "GB" else 3))
    phone = PHONES[country].format(digits) if rng.random() < 0.75 else None
    y, m, d = date_parts(rng)
    has_date = rng.random() < 0.8
    hh = rng.choice([9, 10, 11, 14, 15, 16, 17])
    half = rng.choice([0, 30])
    has_time = rng.random() < 0.8
    when = []
    if has_date:
        when.append(f"on {written_date(rng, y, m, d, country)}")
    if has_time:
        when.append(rng.choice([f"at {hh:02d}:{half:02d}", f"around {hh % 12 or 12}{':30' if half else ''} "
                                                            f"{'am' if hh < 12 else 'pm'}"]))
    when_text = " ".join(when) if when else "any time this week"
    reach = f" on {phone}" if phone else ""
    body = rng.choice([
        f"Please call me back{reach} {when_text} about {about}. {name}",
        f"Hello, this is {name}. I'd like someone to phone me{reach} regarding {about}. Best time: {when_text}.",
    ])
    reference = {"name": name, "phone": phone, "preferred_date": f"{y}-{m:02d}-{d:02d}" if has_date else None,
                 "preferred_time": f"{hh:02d}:{half:02d}" if has_time else None, "topic": topic}
    tags = [] if phone and has_date and has_time else ["missing-field"]
    return ("callback", body, reference, CALLBACK_SCHEMA,
            instruction("the call-back request", "name, phone, preferred_date, preferred_time (HH:MM, 24-hour), "
                                                 "topic (one of billing, delivery, returns, account, technical, "
                                                 "other)"), tags)


PROBLEM_WORDS = {"damaged": ["arrived broken", "came with a cracked lid", "was scratched all over"],
                 "missing": ["never arrived", "is missing one of the two parcels", "shows delivered but isn't here"],
                 "late": ["is now nine days late", "still hasn't shipped after two weeks"],
                 "wrong_item": ["contained the wrong colour", "had someone else's cushions in it"]}


def complaint(rng, n):
    name, login, country = rng.choice(PEOPLE)
    count = rng.choice([2, 2, 3])
    orders = []
    for _ in range(count):
        problem = rng.choice(list(PROBLEM_WORDS))
        orders.append((f"BW-{rng.randint(2000000, 2399999)}", problem, rng.choice(PROBLEM_WORDS[problem])))
    parts = [f"order {o} {w}" for o, _, w in orders]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1]
    body = rng.choice([
        f"I am writing about several orders. {listed[0].upper() + listed[1:]}. I expect this to be sorted quickly. "
        f"{name}",
        f"Hi, {name} here. Bad week with you: {listed}. What are you going to do about it?",
    ])
    reference = {"customer_name": name, "orders": [{"order_id": o, "problem": p} for o, p, _ in orders]}
    return ("complaint", body, reference, COMPLAINT_SCHEMA,
            instruction("every order the customer complains about", "customer_name, orders (a list of order_id and "
                                                                     "problem, one of damaged, missing, late, "
                                                                     "wrong_item)"), ["multi-entity"])


KINDS = [(order_confirmation, 20), (invoice, 18), (address_change, 14), (ride_receipt, 14), (callback, 14),
         (complaint, 12)]


def extraction_cases(rng):
    out = []
    for make, count in KINDS:
        for n in range(count):
            kind, body, reference, schema, instr, tags = make(rng, n)
            out.append({"kind": kind, "text": body, "instruction": instr,
                        "reference": json.dumps(reference, ensure_ascii=False, separators=(", ", ": ")),
                        "schema": schema, "tags": tags})
    return out
