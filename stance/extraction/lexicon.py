"""The words extraction keys on: quotation marks, speech cues, speaker shapes.

One place for every list, so a cue added for real news is seen by every stage (and by the stance
composition rules, which read refusal and negation cues from here too).
"""

from __future__ import annotations

import re

from ..composition import REFUSAL_POSITIONS

OPEN_ONLY = "“«„"
CLOSE_ONLY = "”»"
AMBIGUOUS = '"'
QUOTE_CHARS = OPEN_ONLY + CLOSE_ONLY + AMBIGUOUS

# Direct quotes this short are fragments inside someone's reported speech ("had “confirmed” it").
MIN_QUOTE_WORDS = 4

CUE_WORDS = (
    r"said|says|say|told|tells|tell|added|adds|wrote|writes|tweeted|posted|stated|states|declared|"
    r"stressed|stresses|insisted|insists|warned|warns|argued|argues|claimed|claims|announced|"
    r"announces|denied|denies|rejected|rejects|dismissed|dismisses|made\s+it\s+clear|made\s+clear|"
    r"makes\s+it\s+clear|makes\s+clear|refused|refuses|reiterated|reiterates|emphasi[sz]ed|"
    r"emphasi[sz]es|underlined|underscored|acknowledged|admitted|conceded|noted|notes|confirmed|"
    r"confirms|promised|pledged|vowed|urged|urges|called\s+for|calls\s+for|clarify|clarified|asserted|"
    r"maintained|predicted|signall?ed|indicated|ruled\s+out|rules\s+out|remarked|explained|"
    r"recalled|cautioned|countered|replied|responded|continued|concluded|asked|answered|"
    r"suggested|believes|hopes|expects|thinks|reported|reports|went\s+on|goes\s+on|recalled|"
    r"noting|saying|adding|arguing|warning|insisting|stressing|telling|declaring|claiming|"
    r"acknowledging|emphasi[sz]ing|reiterating|stating|explaining|recalling|pointing\s+out|underlining|"
    r"underscoring|asserting|admitting|conceding|confirming|repeating|highlighting|cautioning|calling\s+for|urging|predicting|vowing|promising|went\s+further|"
    r"called\s+it|described\s+it\s+as|assured|assures|repeated|repeats|opined|commented|observed|"
    r"complained|lamented|reaffirmed|affirmed|mentioned|pointed\s+out|points\s+out|highlighted|"
    r"was\s+quoted(?:\s+by\s+(?:the\s+)?[A-Z][\w\-.]*(?:\s+[A-Z][\w\-.]*){0,3})?\s+as\s+saying|confessed|reads|reminded|reminds|declares|explains|alleges|alleged|recalls|insist|suggesting|announcing|summed\s+up|"
    r"recounted|revealed|retorted|quipped|joked|wondered|elaborated|specified|reassured|answers|replies|responds"
)
CUE_RE = re.compile(rf"\b(?:{CUE_WORDS})\b")
# Cues that take an object before their content ("told reporters that …").
OBJECT_CUES = ("told", "tells", "tell", "asked", "urged", "urges", "telling", "urging")
# "…, noting that …": a participle's speaker is the subject of its main clause.
PARTICIPLE_RE = re.compile(r"^\w+ing\b")
# The nouns of documents that speak for their issuer, for every stage that names one.
DOCUMENT_HEADS = r"declaration|communiqu[eé]|statement|document|text|programme|program|plan|resolution|bill|decree|explanatory\s+note"
# Documents speak for whoever issued them: "the declaration said", "The communique stated".
DOCUMENT_NOUNS = re.compile(
    r"(?:^|\b)(?:the|The)\s+(?:(?:final|joint|summit|leaders'|ministers'|written)\s+)?"
    r"(?:declaration|communiqu[eé]|statement|text|document|readout|plan|proposal|proposals|draft|paper|"
    r"programme|program|treaty|resolution|measures|memorandum)$"
)

PRONOUNS = {"he": "male", "she": "female", "it": "org", "they": "plural",
            "him": "male", "her": "female", "them": "plural"}  # "according to him"
TITLE_BEFORE_NAME = re.compile(
    r"(?:[A-Z][\w’'.\-]*\s+)+(?:(?:deputy|foreign|defen[cs]e|prime|chief|senior|former|top|national\s+security)\s+)?"
    r"(?:spokesman|spokeswoman|spokesperson|minister|chief|head|secretary|adviser|advisor|envoy|ambassador|"
    r"official|leader|president|chancellor|premier|commander|negotiator|diplomat|aide|lawmaker|senator|"
    r"representative|commissioner|analyst|expert|chairman|director|governor|mayor|politician)\s+$"
)
# Words that may sit between a subject and its cue: "Stoltenberg on Tuesday said", "Biden did say".
ADVERBIAL_RE = re.compile(
    r"(?:\s+(?:also|then|later|again|nevertheless|nonetheless|however|meanwhile|too|previously|repeatedly|publicly|firmly|flatly|clearly|"
    r"explicitly|once\s+more|earlier|recently|today|yesterday|did|does|do|has|have|had|would|will|"
    r"was|were|is|are|had\s+earlier|has\s+since|not|only|further|even|"
    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:last|this|next)\s+(?:week|month|year)|in\s+a\s+statement|in\s+an\s+interview|"
    r"at\s+a\s+(?:news|press)\s+conference|[a-z]+ly)\s*)+$"
)
# A relative clause opening right before a cue reports its antecedent's words: '…," said Mr. Bush,
# who argued that …', '…, Russia, which firmly opposes …'.
RELATIVE_END_RE = re.compile(r",\s+(?:who|which)(?:\s+(?:also|firmly|fiercely|strongly|staunchly|still))?$")
APPOSITION_RE = re.compile(r",[^,;:]{1,200},\s*$")
CAPITALISED_NP_RE = re.compile(
    r"(?<![\w’'\-])(?:(?:[A-Z][\w.’'\-]*|of|the|de|von|van|der|al|bin|la|le|and)\s+)*[A-Z][\w.\-]*(?:['’]s)?$"
)
NP_STOP = {
    "It", "This", "That", "There", "The", "A", "An", "In", "On", "At", "But", "And", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "However", "Meanwhile",
    "Asked", "When", "While", "After", "Before", "If", "As", "He", "She", "They", "We", "I", "You",
}
# Cue words whose pattern tag says how the statement was delivered.
CUE_PATTERNS = {"told": "told", "tells": "told", "wrote": "wrote", "writes": "wrote",
                "tweeted": "wrote", "posted": "wrote"}

# Positions reported without a speech verb ("Merkel opposes…", "Russia has demanded that…",
# "Poland has floated the idea of…"). Real news reports stances this way as often as with "said";
# without a that-clause the statement keeps its verb, since the verb carries the stance.
POSITION_WORDS = (
    r"opposes|opposed|oppose|backs|backed|supports|supported|wants|wanted|seeks|sought|is\s+seeking|"
    r"demands|demanded|blocks|blocked|vetoed|vetoes|welcomed|welcomes|condemned|condemns|"
    r"criticized|criticised|criticizes|criticises|called\s+on|calls\s+on|accused|accuses|"
    r"proposed|proposes|floated|offered|offers|favou?rs|favou?red|insists|objects|objected|"
    r"is\s+convinced|was\s+convinced|expressed\s+hope|"
    rf"agreed|pledges|ruled|advocated|advocates|endorsed|endorses|{REFUSAL_POSITIONS}|"
    r"hailed|voted|is\s+reluctant|are\s+reluctant|"
    r"is\s+wary|are\s+wary|warned\s+against|pushed\s+for|pushes\s+for|pressed\s+for|presses\s+for|"
    r"called|calls|described|describes|believe|hope|worries|fears|feared|reaffirmed|restated|denounced|"
    r"has\s+declined|voiced|agree|considers|considered|warned|decided|made\s+explicit|presses|pressed|pushes|pushed|"
    r"attacks|attacked|forecasts|affirmed|branded|ridiculed|blamed|suggested|criticizes|criticises|rules\s+out|"
    r"ruled\s+out|includes|advocated\s+for|regards|regarded|views|viewed|praised|praises|slammed|slams|took\s+aim\s+at|pointed\s+to|points\s+to|"
    r"express(?:ed|es)(?=\s+(?:(?:his|her|its|their|the|a|strong|firm|full)\s+)?(?:hope|support|intention|readiness|"
    r"willingness|confidence|conviction|concerns?|opposition|doubts?|belief|desire|position|view)\b)|"
    r"holds(?=\s+that)|held(?=\s+that)|is\s+against|are\s+against|is\s+opposed\s+to|are\s+opposed\s+to|"
    # intentions are positions too: "Orban will block any decision", "Poroshenko is ready to hold a referendum"
    r"(?:will|would)\s+(?:not\s+)?(?:block|veto|oppose|support|back|reject|allow|accept)|"
    r"(?:is|are)\s+(?:not\s+)?ready\s+to|stands?\s+ready\s+to|(?:does|do)\s+not\s+expect|doesn['’]t\s+expect|"
    # acts that state a position: "signed a joint declaration …", "the Rada voted to …" (signing or
    # passing a law is left out: the team's gold articles do not count it, the real-news passages do)
    r"sign(?:ed|s)(?=\s+(?:a|the)\s+(?:joint\s+)?(?:declaration|statement|letter|communiqu[eé]|appeal)\b)|"
    r"vot(?:ed|es)(?=\s+(?:to|for|against)\b)"
)
# Speech cues and positions together, for finding a statement's verb.
STATEMENT_RE = re.compile(rf"(?<![\w-])(?:{CUE_WORDS}|{POSITION_WORDS})\b")

# A speaker named by a common noun: "the minister said", "said the former comic actor". Unless the
# actor list knows the role, it names the person last in view, as a reader would take it.
ROLE_HEADS = (
    r"minister|official|officials|president|chief|spokesman|spokeswoman|spokesperson|leader|leaders|"
    r"head|politician|diplomat|diplomats|envoy|ambassador|secretary|chancellor|premier|commander|"
    r"general|negotiator|lawmaker|senator|adviser|advisor|aide|actor|source|sources|prosecutor|"
    r"governor|mayor|deputy|representative|counterpart|host|guest|king|monarch|analyst|expert|"
    r"veteran|speaker|candidate|commissioner|administration|government|ministry|office|department|"
    r"kremlin|parliament|delegation|bloc|country|nation|side|statesman|strongman|premier|party"
)
GROUP_HEADS = (r"officials|leaders|diplomats|lawmakers|negotiators|politicians|ministers|allies|authorities|sources|"
               r"members|countries|states|nations|governments|capitals|partners")
ROLE_NP_RE = re.compile(
    rf"(?:the|The|a|A|an|An|another|Another)\s+(?:[\w’'.\-]+\s+){{0,4}}(?:(?:ex|former|vice)-)?(?:{ROLE_HEADS}|{GROUP_HEADS})\b",
    re.IGNORECASE)
ROLE_NP_END_RE = re.compile(
    rf"(?<![\w’'])(?:(?:the|The|a|A|an|An)\s+(?:(?!(?:the|a|an)\b)[\w’'.\-]+\s+){{0,4}}?(?:(?:ex|former|vice)-)?(?:{ROLE_HEADS})"
    r"|(?:the|The)\s+(?:deputy\s+)?head\s+of\s+(?:state|government|the\s+[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})"  # "The head of state"
    r"|(?:^|(?<=,\s))(?:[Ee]xperts|[Aa]nalysts|[Oo]bservers|[Cc]ritics|[Oo]fficials|[Dd]iplomats|[Ll]awmakers)"  # a bare group opening a clause
    rf"|[A-Z][\w\-]*['’]s\s+(?:[\w\-]+\s+){{0,2}}?(?:{ROLE_HEADS}|{GROUP_HEADS}|executive)"  # "NATO's chief executive"
    rf"|(?:[A-Z][\w\-]+\s+){{1,2}}(?:{GROUP_HEADS}))$")  # "French officials", "Ukrainian negotiators"

# News outlets are where a statement was reported, never who made it ("Bloomberg writes",
# "according to Reuters", "told CNN").
OUTLET_RE = re.compile(
    r"^(?:the\s+)?(?:Reuters|AP|AFP|Associated\s+Press|Agence\s+France[- ]Presse|CNN|BBC|CNBC|NBC|CBS|ABC|"
    r"Fox\s+News|Sky\s+News|Al\s+Jazeera|Bloomberg|Politico|Axios|Guardian|The\s+Guardian|Times|"
    r"New\s+York\s+Times|Washington\s+Post|Financial\s+Times|Wall\s+Street\s+Journal|Economist|"
    r"Der\s+Spiegel|Spiegel|Bild|Le\s+Monde|Le\s+Figaro|TASS|ITAR-TASS|RIA(?:\s+Novosti)?|Novosti|"
    r"Interfax(?:-Ukraine)?|UNIAN|Ukrinform|Ukrainska\s+Pravda|Kyiv\s+Independent|Kyiv\s+Post|"
    r"Kommersant|Izvestia|RBC|Sputnik|RT|Prime\s+News|ForUm|Xinhua|Anadolu|DW|Deutsche\s+Welle|"
    r"LRT|PAP|Euronews|Newsweek|Time|POLITICO|Fox|NPR|PBS|Euractiv|EurActiv|Washintron\s+Post|"
    r"(?:[\w\-]+\s+){0,3}(?:news\s+agency|agency|newspaper|daily|weekly|magazine|broadcaster|channel|"
    r"website|outlet|portal|television|TV|radio|paper|Post|Times|News|Journal|Gazette|Herald|Telegraph))$",
    re.IGNORECASE,
)
# Capitalised words that open sentences but never name a speaker.
NOT_A_NAME = {"According", "Talking", "Speaking", "My", "These", "Those", "Our", "His", "Her", "Their",
              "Its", "Your", "Some", "Many", "Several", "Other", "Both", "Each", "Ukrainian", "Russian",
              "Earlier", "Later", "Also", "Then", "Now", "Today", "Yesterday", "Still", "Yet", "So",
              "Specifically", "Instead", "Thus", "Since", "Although", "Though", "Despite", "Neither", "Read",
              "Source", "Sources", "Picture", "Photo", "Credit", "Image", "Caption", "Video", "Watch", "Related",
              "Note", "Update", "Editor", "Home", "Details", "See", "By", "Quote", "Question", "Answer", "Q", "A"}
# Role heads that name a body rather than a person: "the ministry said" is no "he".
PLURAL_BODY_HEADS = {"countries", "members", "allies", "states", "nations", "leaders", "governments", "capitals"}
BODY_HEADS = {"administration", "government", "ministry", "office", "department", "kremlin", "parliament",
              "delegation", "bloc", "country", "nation", "side", "officials", "diplomats", "sources", "party"} | PLURAL_BODY_HEADS
# Nationality words in a role noun ("the Ukrainian leader") point to that country's actor.
NATIONALITIES = {
    "ukrainian": "Ukraine", "russian": "Russia", "german": "Germany", "french": "France", "hungarian": "Hungary",
    "american": "United States", "us": "United States", "u.s.": "United States", "polish": "Poland",
    "british": "United Kingdom", "uk": "United Kingdom", "slovak": "Slovakia", "turkish": "Turkey",
    "italian": "Italy", "czech": "Czech Republic", "lithuanian": "Lithuania", "latvian": "Latvia",
    "estonian": "Estonia", "finnish": "Finland", "georgian": "Georgia", "romanian": "Romania",
    "dutch": "Netherlands", "belarusian": "Belarus", "chinese": "China", "nato": "NATO", "alliance": "NATO",
    "kremlin": "Russia", "canadian": "Canada", "spanish": "Spain", "swedish": "Sweden", "norwegian": "Norway",
}
# Words of a title before a name ("Ukrainian negotiator Oleksander Chaly").
TITLE_WORDS = set(ROLE_HEADS.split("|")) | {
    "prime", "foreign", "defence", "defense", "deputy", "vice", "state", "sen", "rep", "pm", "mp", "interim",
    "acting", "former", "press", "national", "security", "affairs", "spokesperson", "ukraine", "russia", "nato",
    "chairman", "chair", "member", "director", "ceo", "secretary-general", "mr", "mrs", "ms", "dr",
}
# Sentence adverbs and conjunctions that may open a subject without being part of it.
LEAD_WORDS = {"Yet", "But", "And", "However", "Meanwhile", "Still", "So", "Also", "Then", "Now", "Moreover",
              "Indeed", "Instead", "Nevertheless", "Nonetheless", "Thus", "Hence", "Earlier", "Later"}
