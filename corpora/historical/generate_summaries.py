"""Summarisation: support threads (customer, agent, follow-ups) and the two-sentence summary the agent wrote into
the ticket when closing it."""

from generate_extraction import PEOPLE, written_date, date_parts

AGENTS = ["Mara", "Tobias", "Inès", "Kofi", "Sanna", "Pedro", "Yuki", "Ewa"]


def damaged_delivery(rng, name, agent, country):
    order = f"BW-{rng.randint(2000000, 2399999)}"
    item = rng.choice(["glass carafe", "ceramic lamp", "mirror", "stoneware mug set"])
    y, m, d = date_parts(rng)
    wants = rng.choice(["replacement", "refund"])
    thread = [
        ("Customer", rng.choice([
            f"Hi, my order {order} arrived on {written_date(rng, y, m, d, country)} and the {item} is broken. The box "
            f"was crushed on one corner. I'd like a {wants}.",
            f"Opened the parcel ({order}) this morning: {item} in pieces. Not happy. {wants.capitalize()} please.",
            f"Hello, unfortunately the {item} from order {order} has a big crack. It was delivered "
            f"{written_date(rng, y, m, d, country)}. Could I get a {wants}?"])),
        (agent, rng.choice([
            f"I'm sorry about that, {name.split()[0]}. Could you send a photo of the damage and of the box?",
            "Oh no, sorry to hear it. A quick photo of the item and the packaging would help me sort this out."])),
        ("Customer", rng.choice(["Photos attached. The other items are fine.", "here you go (3 photos)",
                                 "Attached. Honestly the box looked like someone sat on it."])),
        (agent, f"Thank you, that's clear. I've arranged a {wants} for the {item}; "
                + ("it ships tomorrow. " if wants == "replacement" else "you'll see the money in 5-10 business "
                                                                        "days. ")
                + "You don't need to send the broken one back."),
    ]
    summary = (f"{name} reported that the {item} in order {order} arrived broken and sent photos. {agent} arranged a "
               f"{wants} without a return of the damaged item.")
    return thread, summary


def late_refund(rng, name, agent, country):
    order = f"BW-{rng.randint(2000000, 2399999)}"
    amount = rng.choice(["64,00 €", "149,00 €", "89,90 €", "34,50 €"])
    weeks = rng.choice(["two", "three", "four"])
    thread = [
        ("Customer", rng.choice([
            f"I returned order {order} {weeks} weeks ago and I still haven't got my {amount} back.",
            f"Where is my refund?? {amount}, order {order}, sent back {weeks} weeks ago with tracking.",
            f"Good morning, I am still waiting for the refund of {amount} for order {order}. The parcel went back "
            f"{weeks} weeks ago. Could you look into it?"])),
        (agent, rng.choice([
            "Let me check. The warehouse received your return but it was not booked because the return form was "
            "missing.",
            "I've looked it up: the parcel reached us, but without the return form it sat unbooked in the "
            "warehouse."])),
        ("Customer", rng.choice(["I put the form in the box! This is ridiculous.",
                                 "The form was definitely in there.", "So what happens now?"])),
        (agent, f"Sorry for the hassle. I've booked the return manually and the refund of {amount} is on its way "
                f"today."),
        ("Customer", "Ok. Thanks for sorting it."),
    ]
    summary = (f"{name}'s refund of {amount} for returned order {order} was delayed {weeks} weeks because the return "
               f"was not booked without a form. {agent} booked it manually and issued the refund.")
    return thread, summary


def locked_out(rng, name, agent, country):
    thread = [
        ("Customer", rng.choice([
            "I lost my phone and can't get past two-factor login. I have no recovery codes.",
            "Locked out!! New phone, authenticator app is empty, and I never saved any backup codes.",
            "Hello, my phone was stolen on Saturday and now Tallybook asks for a code I cannot get. Please help, I "
            "need to send invoices this week.",
            "Can't log in - 2FA codes went to my old phone which I wiped. What can I do?"])),
        (agent, rng.choice([
            "I can help. To protect your account I need to verify it's you: please reply from the email address "
            "on the account and tell me the amount of your last invoice.",
            "Sorry for the trouble. Before I can change anything, please write to us from your account's email "
            "address and give the amount and client of your most recent invoice."])),
        ("Customer", f"Replying from it now. Last invoice was {rng.choice(['£420.00', '1.250,00 €', '€980'])} to "
                     f"{rng.choice(['Hotel Miramar', 'Café Nordlicht', 'Atelier 9'])}."),
        (agent, "Thanks, that matches. I've switched off two-factor authentication; please sign in and set it up "
                "again on your new phone, and save the recovery codes this time."),
    ]
    summary = (f"{name} was locked out of Tallybook after losing their phone, with no recovery codes. After "
               f"verifying identity by email and last invoice, {agent} disabled two-factor authentication so it "
               f"could be set up again.")
    return thread, summary


def ride_overcharge(rng, name, agent, country):
    amount = rng.choice(["23,40 €", "41,75 €", "18,90 €", "64,10 €"])
    city = rng.choice(["Berlin", "Wien", "Paris", "Amsterdam", "Lisboa"])
    thread = [
        ("Customer", rng.choice([
            f"The app didn't end my ride in {city} last night and charged me {amount}. I parked properly!",
            f"{amount} for a 10 minute ride?! {city}, yesterday evening. The ride never stopped.",
            f"Hi, I think there is a mistake on my account: a ride in {city} was charged {amount}, but I ended it "
            f"after a few minutes."])),
        (agent, rng.choice([
            "Sorry about that. I can see the ride continued because the end-of-ride photo did not upload. Do you "
            "still have the photo on your phone?",
            "Thanks for reporting it. Our logs show the parking photo never reached us, so the ride kept running. "
            "Could you send me the photo if it is still in your gallery?"])),
        ("Customer", rng.choice(["Yes, here it is. Scooter is in the parking zone, you can see the sign.",
                                 "found it, attached", "Attached. It's right next to the Fernway sign."])),
        (agent, f"Thanks, I've ended the ride at the time of your photo and refunded the difference. Your final "
                f"charge is the normal fare."),
    ]
    summary = (f"{name} was charged {amount} in {city} because a ride kept running when the end-of-ride photo did not "
               f"upload. {agent} ended the ride at the photo's time and refunded the difference.")
    return thread, summary


def vat_wrong(rng, name, agent, country):
    count = rng.choice([3, 5, 12])
    thread = [
        ("Customer", rng.choice([
            f"My last {count} invoices show 19% VAT but I'm a small business and shouldn't charge VAT at all.",
            f"Help, I'm a Kleinunternehmer and Tallybook has been adding 19% MwSt to my invoices. {count} of them "
            f"already went out.",
            f"Why does every invoice add 19% VAT? I'm exempt. I noticed after sending {count}."])),
        (agent, rng.choice([
            "You can set this under Settings > Company > Tax: choose 'Small business exemption (§ 19 UStG)'. "
            "It applies to new invoices.",
            "That comes from the tax setting: under Settings > Company > Tax pick the small business exemption and "
            "new invoices will show no VAT."])),
        ("Customer", rng.choice([f"Done. What about the {count} I already sent?",
                                 f"OK changed it. And the {count} old ones?"])),
        (agent, "Invoices that were sent can't be edited; create a cancellation invoice for each one and issue a "
                "new invoice without VAT. I've attached a short guide."),
    ]
    summary = (f"{name} had sent {count} invoices with 19% VAT despite the small-business exemption. {agent} showed "
               f"where to set the exemption and explained that sent invoices need cancellation invoices and "
               f"reissuing.")
    return thread, summary


def missing_parcel(rng, name, agent, country):
    order = f"BW-{rng.randint(2000000, 2399999)}"
    carrier = rng.choice(["DHL", "DPD", "GLS", "PostNL", "Colissimo"])
    thread = [
        ("Customer", rng.choice([
            f"Tracking for {order} says delivered but there's nothing here. I checked with the neighbours.",
            f"{carrier} claims they delivered {order} yesterday at 14:02. I was home all day. Nothing came.",
            f"Dear support, my parcel {order} is shown as delivered, but I never received it. No note, no "
            f"neighbour."])),
        (agent, rng.choice([
            f"I'm sorry. I've opened an investigation with {carrier}; they usually answer within 5 business days.",
            f"That's frustrating, sorry. I've filed a trace with {carrier} and will get back to you as soon as they "
            f"reply, normally within a week."])),
        ("Customer", rng.choice(["It's been a week. Any news?", "Any update?",
                                 "Still nothing here. What did the carrier say?"])),
        (agent, f"{carrier} could not locate the parcel, so I'm sending a new one today at no cost."),
    ]
    summary = (f"{name}'s order {order} was marked delivered by {carrier} but never arrived. After the carrier's "
               f"investigation found nothing, {agent} sent a replacement free of charge.")
    return thread, summary


def address_mistake(rng, name, agent, country):
    order = f"BW-{rng.randint(2000000, 2399999)}"
    thread = [
        ("Customer", rng.choice([
            f"I used my old address for {order}. Can you change it? It hasn't shipped yet I think.",
            f"Oops, order {order} is going to my previous flat. Can you fix the address please?",
            f"I just realised I moved two weeks ago and {order} still has my old address. Is it too late?"])),
        (agent, "It had already been handed to the carrier, so I can't change it here. I've asked the carrier to "
                "redirect it; if that fails it will come back to us and we'll resend it."),
        ("Customer", "Ok, fingers crossed."),
        (agent, "Good news: the carrier accepted the redirect, delivery is expected in two days."),
    ]
    summary = (f"{name} ordered {order} with an outdated address after it had been handed to the carrier. {agent} "
               f"requested a redirect, which the carrier accepted.")
    return thread, summary


def unlock_charge(rng, name, agent, country):
    tries = rng.choice(["three", "four", "five"])
    thread = [
        ("Customer", rng.choice([
            f"I tried to unlock an e-bike {tries} times and got charged the unlock fee each time. It never opened.",
            f"{tries.capitalize()} unlock fees on my card this morning and the bike didn't open once.",
            f"Hello, the e-bike at my station would not unlock and I see {tries} unlock charges now. Please refund."])),
        (agent, "I'm sorry. The logs show the lock did not respond, so the vehicle is faulty. I've refunded all the "
                "unlock fees and taken the bike out of service."),
        ("Customer", "Thanks. Maybe check the others at that station too."),
        (agent, "Good idea, I've asked our field team to check the station today."),
    ]
    summary = (f"{name} was charged an unlock fee {tries} times for an e-bike whose lock never responded. {agent} "
               f"refunded the fees, took the bike out of service and asked the field team to check the station.")
    return thread, summary


SCENARIOS = [(damaged_delivery, "brightwell", 8), (late_refund, "brightwell", 7), (locked_out, "tallybook", 6),
             (ride_overcharge, "fernway", 7), (vat_wrong, "tallybook", 5), (missing_parcel, "brightwell", 7),
             (address_mistake, "brightwell", 5), (unlock_charge, "fernway", 5)]

INSTRUCTION = ("Summarise this support thread for the ticket history in at most two sentences: who had which "
               "problem, and what the agent did.")


def summary_cases(rng):
    out = []
    for make, brand, count in SCENARIOS:
        for _ in range(count):
            name, _, country = rng.choice(PEOPLE)
            agent = rng.choice(AGENTS)
            thread, summary = make(rng, name, agent, country)
            first = name.split()[0]
            text = "\n".join(f"{name if who == 'Customer' else who + ' (support)'}: {line}" for who, line in thread)
            out.append({"kind": make.__name__.replace("_", "-"), "brand": brand, "text": text, "reference": summary,
                        "first": first})
    return out
