"""The demo panel's cast and what they talk about: the people (every role and consent
choice), the topics, what people say of each, and the decisions and actions that come
of them. Used by services/demo.py."""

# -- the cast -------------------------------------------------------------------------------

PEOPLE = [
    # name, preferred, pronouns, roles, consent, access needs, payment, joined (months ago) / left
    ("Amira Khan", "Amira", "she/her", ["lived_experience"], "named",
     "Papers in large print (16 point), sent a week ahead", "paid", None, None),
    ("Ben Okafor", "Ben", "he/him", ["carer"], "initials",
     "Needs carer cover for his son on meeting days", "voucher", None, None),
    ("Carys Evans", "Carys", "she/her", ["lived_experience", "carer"], "named",
     None, "paid", None, None),
    ("Dev Patel", None, "he/him", ["lived_experience"], "anonymous",
     "Prefers to join online with the camera off", "declined", None, None),
    ("Eleanor Whitfield", "Ellie", "she/her", ["researcher"], "named",
     None, None, None, None),
    ("Farid Haddad", None, "he/him", ["researcher"], "role_only",
     None, None, None, None),
    ("Grace Mensah", "Grace", "she/her", ["practitioner"], "named",
     None, None, None, None),
    ("Hollie Brennan", None, "she/her", ["practitioner"], "initials",
     None, None, None, None),
    ("Ivan Novak", "Ivan", "he/him", ["facilitator"], "named",
     None, None, None, None),
    ("Jo Taylor", "Jo", "they/them", ["coordinator"], "named",
     None, None, None, None),
    ("Kofi Asante", None, "he/him", ["observer"], "role_only",
     None, None, None, None),
    ("Lin Zhou", "Lin", "she/her", ["lived_experience"], "named",
     "Uses a screen reader: papers as Word documents, not scanned PDFs", "paid", 5, None),
    ("Maria Santos", None, "she/her", ["carer"], "anonymous",
     None, "voucher", None, 3),
]

# Short handles used by the story below.
AMIRA, BEN, CARYS, DEV, ELLIE, FARID, GRACE, HOLLIE, IVAN, JO, KOFI, LIN, MARIA = range(13)
MEMBERS = [AMIRA, BEN, CARYS, DEV, LIN, MARIA]  # lived experience and carers
STAFF = [ELLIE, FARID, GRACE, HOLLIE]

# -- what the panel talks about -----------------------------------------------------------

TOPICS = [
    ("Participant information sheet", "the participant information sheet"),
    ("Recruitment poster", "the recruitment poster"),
    ("Interview topic guide", "the interview topic guide"),
    ("Outcome measures", "the choice of outcome measures"),
    ("Payment for involvement", "how we pay panel members"),
    ("Consent and data sharing", "the consent form"),
    ("Dissemination plan", "the plan for sharing findings"),
    ("Easy-read summary", "the easy-read summary"),
    ("Peer researcher training", "the peer researcher training"),
    ("Analysis workshop", "the analysis workshop"),
    ("Conference abstract", "the conference abstract"),
    ("Safeguarding protocol", "the safeguarding protocol"),
    ("Accessible meetings", "how we run meetings"),
    ("Personal budgets survey", "the personal budgets survey"),
    ("Recruitment through GP surgeries", "recruiting through GP surgeries"),
]

SAYINGS = {
    "insight": [
        "When I was first asked to join a study I was very unwell, and {t} would have put me off completely.",
        "From my own time on a ward, people only trusted researchers who explained things face to face; {t} needs to allow for that.",
        "As a carer I was never told what happens to the information; {t} should say it plainly.",
        "The word 'non-compliant' in {t} took me straight back to my worst appointments.",
        "I only said yes to my personal budget once someone who had used one explained it; {t} could use a peer's voice.",
        "Long forms are exhausting when you're on medication that affects concentration; {t} should be short.",
        "In my experience people from my community won't answer questions about services they feel judged by; {t} should show who is asking.",
    ],
    "idea": [
        "What if members co-wrote {t} in a half-day workshop rather than commenting on a draft?",
        "We could record a short audio version of {t} for people who don't read much.",
        "Could {t} include a quote from a panel member, so people see it's not just researchers?",
        "Let's pilot {t} with the community group at the library before it goes further.",
        "A one-page summary at the front of {t} would help a lot of people.",
    ],
    "concern": [
        "I'm worried {t} assumes everyone has internet access and a smartphone.",
        "{T} still reads as if it was written for clinicians, not for us.",
        "There's a risk that {t} makes people feel they have to take part to keep their support.",
        "I'm concerned the timescale for {t} doesn't leave members enough time to read the papers.",
        "The safeguarding wording in {t} could frighten people off from being honest.",
    ],
    "question": [
        "Who will see {t} before it goes to the ethics committee?",
        "Will members be paid for the time they spend reviewing {t}?",
        "What happens to {t} if the funder asks for changes we disagree with?",
        "How will we know whether {t} actually worked for people?",
        "Can we see the version of {t} that other sites are using?",
    ],
    "suggestion": [
        "Put the contact details for support at the top of {t}, not the end.",
        "Use 'people who use services' rather than 'patients' throughout {t}.",
        "Test {t} with two or three people who haven't been involved yet.",
        "Add a line to {t} saying people can stop at any time without it affecting their care.",
        "Use a bigger font and more white space in {t}.",
    ],
    "agreement": [
        "I agree with the changes to {t}; they reflect what we said last month.",
        "I'm happy with {t} now, especially the plain-language opening.",
        "This version of {t} feels much more respectful. I support it.",
        "I agree, and I'd add that the research team really listened on {t}.",
    ],
    "dissent": [
        "I don't support this version of {t}: it still puts the researchers' needs first.",
        "I disagree with the decision on {t}; we haven't heard from carers enough.",
        "I can't agree to {t} while payment is still unresolved.",
    ],
}

DECISION_TEMPLATES = [
    ("Revise {t} with the panel's changes",
     "The research team will revise {t} using the changes the panel asked for.",
     "Members said the current version would put people off taking part.",
     "We are changing {t} because of what the panel told us."),
    ("Pilot {t} with people new to the study",
     "Before it is used, {t} will be tried with three people who have not been involved.",
     "The panel wanted evidence that it works for people outside the panel.",
     "We will test {t} with a few new people first."),
    ("Add a plain-language summary to {t}",
     "A one-page plain-language summary will go at the front of {t}.",
     "Several members found the full version hard going.",
     "{T} will start with a short, plain summary."),
    ("Co-write {t} in a members' workshop",
     "Members and researchers will write {t} together in a half-day workshop.",
     "The panel asked to write rather than only comment.",
     "Panel members will help write {t}."),
]

ACTION_TEMPLATES = [
    ("Send a revised draft of {t} to members for comment", "Sent to all members; six replied with comments that were used."),
    ("Book an accessible room for the session on {t}", "Room booked with step-free access and a hearing loop."),
    ("Ask the ethics committee about changes to {t}", "Ethics committee approved the changes as a minor amendment."),
    ("Write up the panel's comments on {t}", "Comments written up and shared with the study team."),
    ("Check the payment rates for members' work on {t}", "Rates checked against the current NIHR guidance and confirmed."),
    ("Find two people outside the panel to test {t}", "Two people from the community group tested it; both found it clear."),
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
