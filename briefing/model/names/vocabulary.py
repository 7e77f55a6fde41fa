"""The English word lists every text rule shares, each word declared once.

Names, titles and function words are told apart by small generic lists (no
story-specific names). They used to live beside each rule, two of them called
``TITLES`` and two ``STOP_WORDS`` with different contents; here each list says
what it is for, and the wider lists are built from the narrower ones.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word list written as one string, for readability."""
    return frozenset(text.split())


FUNCTION_WORDS = words(
    """a about after also although an and are as at be because been before but by can could
    despite did do does during even for from had has have he her here him his how i if in
    including into is it its may might must my no nor not now of on or our per shall she
    should so such than that the their them then there these they this those though to until
    us was we were what when where which while who whom whose why will with within without
    would you your"""
)
"""Words that carry no content: left out when two sentences' content words are compared."""

MONTHS = words(
    """january february march april may june july august september october november december"""
)
WEEKDAYS = words("""monday tuesday wednesday thursday friday saturday sunday""")
"""Calendar words: a capitalised "March" or "Monday" is neither a name nor a place."""

SENTENCE_OPENERS = (
    (FUNCTION_WORDS - {"us"})
    | MONTHS
    | WEEKDAYS
    | words(
        """above according across again against all along already among analysis any around behind
    being below beneath beside between beyond both breaking comment currently dr each
    earlier editorial every except exclusive finally first furthermore however indeed
    inside instead just last later let like live many meanwhile more moreover most mr mrs
    ms near next none once one only onto opinion other others perhaps photo read recently
    report reports second several since some still therefore three through throughout thus
    today tomorrow tonight toward towards two under unlike update updated upon various via
    video watch yesterday yet"""
    )
    # The people a news sentence opens with, unnamed: "Diplomats said", "Officials
    # told reporters". Each was proposed as a candidate person on new stories.
    | words(
        """analysts authorities critics diplomats experts lawmakers leaders ministers
    negotiators observers officials protesters residents sources witnesses"""
    )
)
"""Capitalised only because they start a sentence or a headline: never a name ("US" is one)."""

HONORIFICS = words(
    """sir dame lord lady mr mrs ms mx miss dr prof professor pm president pres premier
    chancellor taoiseach minister secretary rev sen rep gov hon admiral adm general gen colonel
    col lieutenant lt captain capt commander the"""
)
"""Tokens that name a rank, not a person: dropped from search queries and people's names."""

TITLE_WORDS = HONORIFICS | words(
    """acting adviser advisor ambassador archbishop bishop cardinal chair chairman chairwoman
    chancellery chief chiefs commissioner counsellor counselor crown defence defense deputy
    director economy emir envoy finance foreign former governor head home interim interior
    judge justice king leader maj major marshal mayor ministers national of officer officers
    opposition pope prime prince princess queen representative security senator sergeant sgt
    sheikh special spokesman spokesperson spokeswoman staff state sultan vice mister madam"""
)
"""Words a title before a name is made of: 'Defence Secretary', 'Chief of the Defence Staff Sir'."""

HEAD_TITLES = words(
    """sir dame lord lady mr mrs ms dr prof professor president minister secretary chancellor
    king queen prince princess pope general gen admiral colonel col captain capt commander
    senator sen governor mayor ambassador commissioner taoiseach premier counselor
    counsellor adviser advisor spokesman spokeswoman spokesperson chairman chairwoman chair
    director envoy officer lieutenant lt sergeant sgt major maj marshal archbishop bishop
    cardinal sheikh emir sultan leader judge justice head staff rep representative mister
    madam"""
)
"""The word a title ends on; 'Defense' in 'Defense Strategy Forum' is not one."""

ROLE_NOISE = words("""sir dame lord lady mr mrs ms dr the of former acting interim mister madam""")
"""Words trimmed from the ends of a role kept for a candidate ('the former' adds nothing)."""

CONNECTORS = words("""of the von van der den de da di du la le al bin del y""")
"""Lowercase words that may sit inside a name: 'Coalition of the Willing', 'von der Leyen'."""

ORG_WORDS = words(
    """ministry department office commission council union parliament government agency bank
    fund court committee assembly party army navy forces force command institute university
    company corporation corp inc ltd group times news post daily journal press agency
    service services organisation organization association federation bureau authority
    street house palace kremlin cabinet senate congress police guard"""
)
"""Words that make a name an organisation's."""

GROUP_WORDS = words("""coalition alliance bloc movement rebels militia front brigade""")
"""Words that make a name a group's ("nations" is not one: the United Nations is an organisation)."""

PORTFOLIOS = words(
    """energy water resources foreign affairs finance finances economy economic trade health agriculture
    environment interior justice defence defense education transport industry development
    infrastructure labour labor culture digital climate fisheries mines mining petroleum oil
    gas power treasury home public works communications information social welfare planning
    commerce investment tourism housing science technology sea maritime oceans territories
    regions youth sport sports women family families veterans immigration citizenship"""
)
"""Words of a portfolio inside a title: 'Minister of Energy', 'Water Resources Minister'."""

PLACE_WORDS = words(
    """river lake sea reservoir dam mountains mountain valley basin strait island canal
    port bay ocean desert delta peninsula province district hall centre center square stadium
    airport hotel congress palace bridge gorge glacier coast"""
)
"""A name followed by (or ending in) one of these is a place: 'the Kirov reservoir', 'Talas River'."""

PLACE_PREPOSITIONS = words("""in at to from near outside inside across via into""")
"""A name that only ever follows one of these ('talks in Taraz') is where, not who."""

MEETING_NOUNS = words("""conference summit talks meeting meetings forum""")
"""A capital before one of these ('the Vienna conference') names a place, not a government."""

BYLINE_NOUNS = words(
    """desk correspondent correspondents editor editors reporter reporters writer writers
    columnist contributor bureau analyst journalist producer researcher economist fellow"""
)
"""The nouns of a byline's role ('Africa Editor', 'Ottawa Bureau'): a site's menu never has one."""

MASTHEAD_NOUNS = words(
    """review times post journal daily weekly brief briefing monitor news herald gazette
    tribune observer chronicle ledger standard telegraph report digest wire dispatch insider
    today express mail star magazine bulletin courier record"""
)
"""The last word of a publication's name ('Sahel Energy Review', 'The Northern Ledger')."""

SECTION_LABELS = words(
    """analysis opinion comment commentary explainer editorial feature features world business
    politics economy news africa asia europe americas"""
)
"""A site section's label on a line of its own under the masthead ('Analysis')."""

BYLINE_ROLES = BYLINE_NOUNS | words(
    """staff chief senior political diplomatic foreign
    economics energy europe world politics business news security defence defense
    affairs international national investigations special"""
)
"""Words of a byline's role or a desk ('Diplomatic Correspondent', 'Politics Desk'): not people."""

ACTION_VERBS = words(
    """say tell add state warn note announce insist argue claim pledge offer promise commit
    agree refuse reject decline sign meet speak propose accuse host send provide give fund
    pay want seek call urge ask demand hope plan expect threaten deny confirm welcome back
    support oppose join lead accept launch deploy withdraw attack consider weigh decide
    invite order approve veto block ban impose lift cut raise suspend resume open close
    negotiate mediate broker release free seize capture deliver grant vow"""
)
"""Verbs of doing and saying (base forms): a name that is their subject acts ("Riyadh offered")."""

IRREGULAR_PASTS = words(
    """said told met spoke sent gave paid sought led took made held won lost broke froze
    chose struck drew"""
)
"""Past forms of action verbs that do not end in -ed."""

AUXILIARIES = words("""has have had will would could can may might must should shall did does""")
"""Before a verb, these make the name in front of them its subject ("Ankara has signed")."""

COMMON_WORD_DEMONYMS = frozenset({"Dane", "Finn", "Kiwi", "Pole", "Swede", "Turk"})
"""Demonyms that are also everyday words or names ("pole position", "Huckleberry Finn"):
recognised as a country's only with their capital in drafting, never a search or mentions
synonym (mentions are matched without case)."""
