#!/usr/bin/env python3
"""Writes pii-labelled.jsonl: short synthetic texts labelled with the PII entity types they contain.

Every value is synthetic: names and numbers come from a seeded generator, card numbers are random with a valid or
deliberately broken Luhn digit, IBANs carry a computed (or broken) mod-97 checksum, SSNs are drawn from issuable or
never-issued ranges, phone numbers follow the national numbering plans. Labels come from how each text was built,
never from the detector. Hard negatives are look-alikes: order numbers shaped like phone numbers, version strings
shaped like IPv4 addresses, card-like numbers failing Luhn, placeholder e-mails (RFC 2606), reserved IP blocks,
HMRC's example NINO, SSNs from never-issued ranges. A few positives are in formats the detector is known not to
handle (obfuscated e-mails, continental street addresses) so that recall is measured, not assumed.

Rerun with: python3 make_pii_labelled.py > pii-labelled.jsonl   (deterministic: seed 15)
"""
import json
import random

r = random.Random(15)
FIRST = ["Jane", "Omar", "Li", "Priya", "Lukas", "Chloe", "Mateo", "Aisha", "Noah", "Sofia", "Kenji", "Amara"]
LAST = ["Doe", "Haddad", "Wei", "Patel", "Becker", "Martin", "Garcia", "Okafor", "Smith", "Rossi", "Sato", "Nwosu"]
DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "acme-corp.io", "fastmail.fm", "proton.me", "web.de"]
rows = []


def add(text, entities, note):
    rows.append({"text": text, "entities": sorted(entities), "note": note})


def digits(n):
    return "".join(r.choice("0123456789") for _ in range(n))


def luhn_digit(body):
    total = 0
    for i, d in enumerate(reversed(body)):
        v = int(d)
        if i % 2 == 0:
            v *= 2
            v = v - 9 if v > 9 else v
        total += v
    return str((10 - total % 10) % 10)


def card(prefix, length, valid=True):
    body = prefix + digits(length - len(prefix) - 1)
    check = luhn_digit(body)
    if not valid:
        check = str((int(check) + 1 + r.randrange(8)) % 10)
    return body + check


def group(s, sizes, sep=" "):
    out, i = [], 0
    for size in sizes:
        out.append(s[i:i + size])
        i += size
    return sep.join(p for p in out if p)


def iban(country, bban, valid=True):
    moved = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in moved))
    check = 98 - num % 97
    if not valid:
        check = (check + 1 + r.randrange(90)) % 97 + 2
    return f"{country}{check:02d}{bban}"


def spaced(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def name():
    return r.choice(FIRST), r.choice(LAST)


# ---- e-mail
for i in range(30):
    f, l = name()
    addr = r.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}{r.randrange(99)}", f"{l}+news"]).lower() + "@" + r.choice(DOMAINS)
    t = r.choice(["Please contact {} about the refund.", "Her address is {}.", "Reply-To: {}", "cc {} on the thread",
                  "I emailed {} yesterday but got no answer."])
    add(t.format(addr), ["email"], "synthetic address")
for addr in ["user@example.com", "jane@example.org", "admin@mail.example.net", "test@foo.test", "bob@site.invalid",
             "me@localhost", "someone@corp.example", "john.doe@example.com", "noreply@example.com", "x@y.localhost"]:
    add(f"Use an address such as {addr} in the docs.", [], "hard negative: RFC 2606/6761 placeholder")
for t in ["Follow us @acme_support on social media.", "The decorator is written @Override in Java.",
          "Meet at 10am @ the cafe.", "Price: 3 @ $4.99 each.", "name@localhost-style names are not routable",
          "Write to the support team through the web form."]:
    add(t, [], "hard negative: @ without an address")
add("Write to jane dot doe at gmail dot com.", ["email"], "known miss: obfuscated address")
add("jane.doe[at]gmail[dot]com is her mail", ["email"], "known miss: obfuscated address")

# ---- phone
US_AREAS = ["212", "213", "312", "415", "617", "646", "702", "713", "206", "303", "404", "512"]


def us_phone():
    ex = str(r.randrange(2, 10)) + digits(2)
    while ex[1:] == "11" or ex == "555":
        ex = str(r.randrange(2, 10)) + digits(2)
    return r.choice(US_AREAS), ex, digits(4)


for i in range(24):
    a, e, n = us_phone()
    fmt = r.choice([f"({a}) {e}-{n}", f"{a}-{e}-{n}", f"{a}.{e}.{n}", f"+1 {a} {e} {n}", f"+1{a}{e}{n}",
                    f"1-{a}-{e}-{n}"])
    t = r.choice(["Call me on {} tonight.", "Phone: {}", "You can reach the landlord at {}.", "Her cell is {}.",
                  "Leave a voicemail at {} if busy."])
    add(t.format(fmt), ["phone"], "synthetic US number (NANP)")
for i in range(8):
    fmt = r.choice([f"020 7{digits(3)} {digits(4)}", f"+44 20 7{digits(3)} {digits(4)}",
                    f"07{r.choice('123456789')}{digits(2)} {digits(6)}", f"+44 7{r.choice('45789')}{digits(2)} {digits(6)}"])
    add(f"Ring the London office on {fmt}.", ["phone"], "synthetic UK number")
for fmt in [f"+33 1 {digits(2)} {digits(2)} {digits(2)} {digits(2)}", f"+49 30 {digits(8)}",
            f"+33 6 {digits(2)} {digits(2)} {digits(2)} {digits(2)}", f"+49 151 {digits(8)}"]:
    add(f"International contact: {fmt}", ["phone"], "synthetic FR/DE number, international format")
for i in range(10):
    a, e, n = us_phone()
    t = r.choice(["Order #{} has shipped.", "Invoice number {} is overdue.", "Your tracking number is {}.",
                  "Reference: {}", "SKU {} is out of stock.", "Ticket #{} was closed.", "Account no. {} is active.",
                  "Confirmation code {} for your booking."])
    add(t.format(a + e + n), [], "hard negative: identifier shaped like a phone number")
for t in ["The population was 8,336,817 in 2022.", "ISBN 978-0-306-40615-7 is the second edition.",
          "The meeting runs 10:30-11:45 on 2024-03-15.", "It covered 1990-2020 in three volumes.",
          "The ZIP code is 94103-1234.", "Revenue reached $1,234,567.89 last year.", "Call 911 in an emergency.",
          "The answer is 42, not 4,200,000.", "Version 20240315.1 fixed the crash.", "Room 1204, floor 12."]:
    add(t, [], "hard negative: numbers that are not phone numbers")

# ---- credit cards
for i in range(28):
    prefix, length, groups = r.choice([("4", 16, [4, 4, 4, 4]), ("51", 16, [4, 4, 4, 4]), ("55", 16, [4, 4, 4, 4]),
                                      ("2221", 16, [4, 4, 4, 4]), ("34", 15, [4, 6, 5]), ("37", 15, [4, 6, 5]),
                                      ("6011", 16, [4, 4, 4, 4])])
    c = card(prefix, length)
    shown = r.choice([c, group(c, groups), group(c, groups, "-")])
    t = r.choice(["Charge it to {}.", "Card number: {}", "My card {} was declined.", "pay with {} exp 09/29"])
    add(t.format(shown), ["credit_card"], "synthetic number, valid issuer prefix and Luhn")
for i in range(14):
    prefix, length, groups = r.choice([("4", 16, [4, 4, 4, 4]), ("51", 16, [4, 4, 4, 4]), ("37", 15, [4, 6, 5])])
    c = card(prefix, length, valid=False)
    add(f"Card number: {group(c, groups)}", [], "hard negative: card-like number failing Luhn")
for t in ["Card ending in 4242 was charged.", "Use **** **** **** 1111 on file.", "0000 0000 0000 0000 is a test value.",
          "Serial 1234-5678-9012-3456 is printed on the box.", "Gift card code 9999 8888 7777 6666."]:
    add(t, [], "hard negative: masked or card-shaped but not a card number")

# ---- IBAN
for i in range(24):
    kind = r.choice(["GB", "DE", "NL", "FR"])
    if kind == "GB":
        value = iban("GB", r.choice(["WEST", "BARC", "LOYD", "NWBK"]) + digits(6) + digits(8))
    elif kind == "DE":
        value = iban("DE", digits(18))
    elif kind == "NL":
        value = iban("NL", r.choice(["ABNA", "INGB", "RABO"]) + digits(10))
    else:
        value = iban("FR", digits(23))
    shown = r.choice([value, spaced(value)])
    add(r.choice(["Transfer the deposit to {}.", "IBAN: {}", "Send the refund to account {} please."]).format(shown),
        ["iban"], "synthetic IBAN with computed mod-97 checksum")
for i in range(12):
    value = r.choice([iban("GB", "WEST" + digits(14), valid=False), iban("DE", digits(18), valid=False)])
    add(f"IBAN: {spaced(value)}", [], "hard negative: IBAN-shaped, checksum fails")
for t in ["Flight DE12 leaves at 10:40.", "Part number GB45 ABCD 1234 is discontinued.", "Route NL20 is closed."]:
    add(t, [], "hard negative: country code and digits, not an IBAN")

# ---- US SSN
for i in range(24):
    area = r.choice([a for a in range(1, 900) if a != 666])
    value = f"{area:03d}-{r.randrange(1, 100):02d}-{r.randrange(1, 10000):04d}"
    add(r.choice(["SSN: {}", "Her social security number is {}.", "tax id {} on the W-2"]).format(value), ["us_ssn"],
        "synthetic SSN from issuable ranges")
for value in ["000-12-3456", "666-45-1234", "900-12-3456", "987-65-4321", "123-00-4567", "123-45-0000",
              "078-05-1120", "219-09-9999", "123-45-6789"]:
    add(f"SSN: {value}", [], "hard negative: never-issued or publicised SSN")
for t in ["Reorder part 12-345-6789 from the catalogue.", "The date was 2023-04-15.", "Call extension 55-1234."]:
    add(t, [], "hard negative: dashed digits that are not an SSN")

# ---- UK NINO
NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
for i in range(20):
    prefix = r.choice(NINO_FIRST) + r.choice(NINO_SECOND)
    while prefix in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
        prefix = r.choice(NINO_FIRST) + r.choice(NINO_SECOND)
    d = digits(6)
    value = r.choice([f"{prefix}{d}{r.choice('ABCD')}", f"{prefix} {d[:2]} {d[2:4]} {d[4:]} {r.choice('ABCD')}"])
    add(r.choice(["NI number: {}", "National Insurance {} on the P60.", "NINO {}"]).format(value), ["uk_nino"],
        "synthetic NINO with HMRC-valid prefix")
for value in ["QQ123456C", "GB123456A", "BG 12 34 56 A", "ZZ123456D", "AB123456E", "DA123456A", "FA 12 34 56 B"]:
    add(f"NI number: {value}", [], "hard negative: prefix or suffix HMRC never issues (QQ is its example)")

# ---- IP addresses
for i in range(22):
    first = r.choice([8, 23, 31, 45, 52, 66, 81, 91, 104, 142, 151, 172, 185, 213])
    value = f"{first}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"
    add(r.choice(["The login came from {}.", "Client IP {} was blocked.", "ssh admin@{} failed twice"]).format(value)
        .replace("admin@", "into "), ["ip_address"], "synthetic public IPv4")
for value in ["2a02:6b8::2:242", "2001:4860:4860::8888", "2606:4700:4700::1111", "fe80::1ff:fe23:4567:890a"]:
    add(f"Traffic from {value} spiked.", ["ip_address"], "IPv6")
for t in ["Upgrade to version 1.2.3.4 of the agent.", "Released v10.0.0.1 today.", "Build 2.0.0.1 is stable.",
          "Firmware 4.19.0.12 fixes it.", "See section 3.2.1.4 of the spec.", "Localhost is 127.0.0.1.",
          "Docs use 192.0.2.15 and 198.51.100.7.", "Test net 203.0.113.9 is reserved.", "Bind to 0.0.0.0 only.",
          "The value 999.12.3.4 is not an address.", "Coordinates 51.5074, 0.1278", "Version 1.2.3 shipped.",
          "Loopback ::1 is fine.", "Doc range 2001:db8::1 is reserved.", "Ratio 10:30:45 was chosen."]:
    add(t, [], "hard negative: version string, reserved or invalid address")

# ---- postal addresses
STREETS = ["Evergreen", "Maple", "Oak", "Pine", "Cedar", "Elm", "Lake", "Hill", "Sunset", "Park"]
SUFFIX = ["Street", "St.", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive", "Boulevard", "Court", "Terrace", "Way"]
for i in range(22):
    value = f"{r.randrange(1, 9999)} {r.choice(STREETS)} {r.choice(SUFFIX)}"
    add(r.choice(["She lives at {}, Springfield.", "Ship it to {} please.", "Our office moved to {}."]).format(value),
        ["postal_address"], "synthetic US/UK-style street address")
for t in ["Send it to Hauptstraße 5, 10115 Berlin.", "Il habite 12 rue de la Paix, 75002 Paris.",
          "PO Box 1234, Anchorage AK 99501"]:
    add(t, ["postal_address"], "known miss: address format the heuristic does not cover")
for t in ["The 5 Star Hotel is closed.", "We read 3 Chapters a day.", "Route 66 is famous.",
          "He scored 12 Points in the game.", "Track 7 Lane changes carefully."]:
    add(t, [], "hard negative: number followed by capitalised words")

# ---- neutral text
for t in ["Paris is the capital of France.", "The model answered in 3 sentences.", "Water boils at 100 degrees.",
          "Thank you for your patience.", "The meeting moved to Thursday.", "Ignore previous instructions.",
          "JSON output: {\"answer\": 42}", "The quarterly report is attached.", "Refunds take 5-7 business days.",
          "We use TLS 1.3 everywhere."]:
    add(t, [], "neutral")

for row in rows:
    print(json.dumps(row, ensure_ascii=False))
