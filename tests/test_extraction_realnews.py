"""Attribution patterns real news uses and the team-written articles did not (issue #15): each
test is one shape seen in the real-news dev passages, rewritten. All but the last two fail on the
extractor of b35ef3d; those two guard against what the new position verbs could over-read."""

from __future__ import annotations

from datetime import date

import pytest

from stance.extraction import QuoteExtractor


@pytest.fixture(scope="module")
def extract(registry):
    ex = QuoteExtractor(registry)
    return lambda text, day=None: ex.extract(text, day)


def by_text(quotes, start):
    hits = [q for q in quotes if q.text.startswith(start)]
    assert hits, f"no statement starting {start!r} in {[q.text for q in quotes]}"
    return hits[0]


def test_a_position_without_a_speech_verb_keeps_its_verb_and_splits_at_the_next_verb(extract):
    quotes = extract("German chancellor Angela Merkel opposes NATO membership for Ukraine and worries that a "
                     "referendum on joining the alliance could strain relations with Russia.")
    first = by_text(quotes, "opposes NATO membership for Ukraine")
    assert first.actor == "Angela Merkel" and "position" in first.patterns and "worries" not in first.text
    assert by_text(quotes, "a referendum on joining").actor == "Angela Merkel"


@pytest.mark.parametrize("headline, speaker, words", [
    ("Yatsenyuk: Ukraine not considering joining NATO", "Arseniy Yatsenyuk", "Ukraine not considering joining NATO"),
    ("Ukraine will never join NATO – Fico", "Robert Fico", "Ukraine will never join NATO"),
])
def test_a_headline_statement_with_no_verb_is_found(extract, headline, speaker, words):
    quotes = extract(headline + "\n\nThe remarks came on Monday.")
    assert [(q.actor, q.text, "headline" in q.patterns) for q in quotes] == [(speaker, words, True)]


def test_outlets_report_statements_but_never_make_them(extract):
    quotes = extract("According to Reuters, Scholz said that membership was not on the agenda. "
                     "Bloomberg writes that Orban is savouring the moment.")
    assert [q.actor for q in quotes] == ["Olaf Scholz"]


def test_a_role_noun_names_the_person_in_view(extract):
    text = ("Dmytro Kuleba spoke in Kyiv on Friday.\n\n"
            "\"These times are long gone, and there is no turning back,\" the foreign minister said.")
    assert [q.actor for q in extract(text)] == ["Dmytro Kuleba"]


def test_an_unlisted_speaker_with_a_title_keeps_their_own_name(extract):
    quotes = extract("Putin aide Sergei Prikhodko said that Bush would also meet Medvedev in Sochi.")
    assert [q.actor for q in quotes] == ["Sergei Prikhodko"]  # not Vladimir Putin


def test_a_bare_surname_names_whoever_the_article_named_in_full(extract):
    quotes = extract("\"We are not ready for this step,\" said Michael Grosse-Brömer. Grosse-Brömer added that "
                     "membership was not on the agenda at this point.")
    assert {q.actor for q in quotes} == {"Michael Grosse-Brömer"}


def test_an_agency_dateline_and_a_lower_case_title_do_not_hide_a_trailing_speaker(extract):
    quotes = extract("KIEV, March 18 (Reuters) - Ukraine's new leadership is not pursuing membership of NATO, "
                     "interim Prime Minister Arseny Yatseniuk said on Tuesday.")
    q = by_text(quotes, "Ukraine's new leadership")
    assert q.actor == "Arseniy Yatsenyuk" and q.text.endswith("membership of NATO")


def test_a_short_quote_inside_a_sentence_is_part_of_the_reported_clause(extract):
    quotes = extract("Several million people regard such a prospect as \"deeply unacceptable,\" Kremlin spokesman "
                     "Dmitry Peskov told reporters in Moscow.")
    assert [(q.actor, q.kind) for q in quotes] == [("Dmitry Peskov", "mixed")]
    assert quotes[0].text.startswith("Several million people")


def test_according_to_a_pronoun(extract):
    quotes = extract("James Appathurai spoke to reporters. According to him, Georgia and Ukraine will be members "
                     "of the alliance.")
    assert by_text(quotes, "Georgia and Ukraine will be").actor == "James Appathurai"


def test_a_title_with_its_article_is_the_speaker(extract):
    quotes = extract("Rishi Sunak arrived in Vilnius. The Prime Minister said that Ukraine's rightful place "
                     "is in NATO.", date(2023, 7, 11))
    assert [q.actor for q in quotes] == ["Rishi Sunak"]


def test_declining_to_comment_is_no_statement(extract):
    assert extract("Peskov declined to comment directly on the reports.") == []


def test_a_conjunction_is_not_a_title_before_the_next_speaker(extract):
    quotes = extract("Jens Stoltenberg said the proposal was “not made in good faith,” while Olaf Scholz said it "
                     "was “not meant seriously.”")
    assert [q.actor for q in quotes] == ["Jens Stoltenberg", "Olaf Scholz"]


def test_a_title_case_headline_verb_carries_the_statement(extract):
    quotes = extract("Hegseth Says NATO Accession Not a Realistic Option For Ukraine\n\nThe remarks came in Brussels.")
    assert [(q.actor, q.text) for q in quotes] == [("Pete Hegseth", "NATO Accession Not a Realistic Option For Ukraine")]


def test_a_closing_attribution_with_the_cue_first_and_coordinated_clauses(extract):
    quotes = extract("The main aim is to stop another Russian invasion, stated NATO Secretary General Mark Rutte at a "
                     "press conference. Ukraine will never join NATO, and its bid for EU membership is unlikely to "
                     "succeed, Slovak Prime Minister Robert Fico said on Saturday.")
    assert [(q.actor, q.text) for q in quotes] == [
        ("Mark Rutte", "The main aim is to stop another Russian invasion"),
        ("Robert Fico", "Ukraine will never join NATO"),
        ("Robert Fico", "its bid for EU membership is unlikely to succeed"),
    ]


def test_groups_possessive_roles_and_requests_are_speakers_and_statements(extract):
    quotes = extract("Jaap de Hoop Scheffer arrived in Bucharest. NATO's chief executive said on Monday that Russia "
                     "cannot prevent Ukraine from joining. Yet French officials are reluctant to embrace Ukraine and "
                     "Georgia. Viktor Yanukovych urged the coalition to pass a law barring any military alliance.")
    assert [(q.actor, q.text[:24]) for q in quotes] == [
        ("Jaap de Hoop Scheffer", "Russia cannot prevent Uk"),
        ("French officials", "are reluctant to embrace"),
        ("Viktor Yanukovych", "urged the coalition to p"),
    ]


def test_a_surname_names_the_full_name_written_earlier_even_unquoted(extract):
    quotes = extract("NATO Secretary General Anders Fogh Rasmussen met Yatsenyuk. Rasmussen, for his part, hailed "
                     "the restraint shown by the Ukrainian army.")
    assert [q.actor for q in quotes] == ["Anders Fogh Rasmussen"]


def test_plans_and_proposals_speak_for_their_issuer_and_short_positions_count(extract):
    quotes = extract("NATO met in Brussels. The proposal rules out Ukraine joining NATO. Russia says it will cut "
                     "military activity sharply, while Ukraine proposes neutrality.")
    assert [(q.actor, q.cue, q.text) for q in quotes] == [
        ("NATO", "rules out", "Ukraine joining NATO"),
        ("Government of Russia", "says", "it will cut military activity sharply"),
        ("Government of Ukraine", "proposes", "proposes neutrality"),
    ]


def test_a_speech_verb_that_reports_only_an_act_of_speaking_is_no_statement(extract):
    quotes = extract("Viktor Orban answered questions from the press as he arrived. He wrote about this on Twitter. "
                     "The Hungarian Prime Minister posted a video on the subject.")
    assert quotes == []


def test_a_pronoun_with_no_one_in_view_is_kept_under_the_pronoun(extract):
    quotes = extract("\"We will not give up our path to NATO,\" he said.")
    assert [(q.actor, q.speaker, "unresolved" in q.patterns) for q in quotes] == [("he", "he", True)]


def test_a_sentence_opening_inside_a_quote_puts_no_one_in_view(extract):
    quotes = extract("National security adviser Jake Sullivan spoke to reporters.\n"
                     "“As President Biden noted, bringing Ukraine in now would bring NATO into war with Russia,” "
                     "he said.")
    assert [q.actor for q in quotes] == ["Jake Sullivan"]


def test_a_refusal_reaches_the_composition_rule_with_its_own_cue(extract):
    # issue #20: "declined to say" used to come out with cue "say", so the refusal rule never fired
    from stance.composition import refusing

    quotes = extract("Joe Biden declined to say whether Ukraine would be invited at the summit.")
    assert [(q.actor, q.cue) for q in quotes] == [("Joe Biden", "declined to")]
    assert refusing(quotes[0].to_dict())


def test_a_weekday_closes_an_attribution_and_a_modified_name_opens_a_clause(extract):
    quotes = extract("BUCHAREST, Romania, April 4 (UPI) -- Any further expansion of NATO will be regarded as a "
                     "threat, Russian President Vladimir Putin said Friday. In an interview with RFE/RL, the newly "
                     "elected Zelenskiy said Ukraine had the right to choose its alliances.")
    assert [(q.actor, q.text[:20]) for q in quotes] == [
        ("Vladimir Putin", "Any further expansio"), ("Volodymyr Zelensky", "Ukraine had the righ")]


def test_a_plural_body_names_the_organisation_in_view(extract):
    quotes = extract("NATO leaders met in Washington on Wednesday. NATO countries promised Ukraine that it would "
                     "be let in one day. The countries affirmed Kyiv's \"irreversible\" path toward membership.")
    assert [q.actor for q in quotes] == ["NATO", "NATO"]


# Shapes from the real-news training passages (data/realnews/train), rewritten; each failed on 5b98963.

@pytest.mark.parametrize("text, actor, words", [
    ("Earlier on Monday Ukrainian President Petro Poroshenko said that Kyiv would apply for membership soon.",
     "Petro Poroshenko", "Kyiv would apply"),
    ("At the start of the month the Ukrainian leader said that he had approved the accession course.",
     "the Ukrainian leader", "he had approved"),
    ("His predecessor Adam Rotfeld, however, said the summit had been a draw for everyone.",
     "Adam Rotfeld", "the summit had been"),
])
def test_a_subject_after_a_fronted_time_or_a_possessive_still_opens_its_clause(extract, text, actor, words):
    q = by_text(extract(text), words)
    assert q.actor == actor or q.speaker == actor


def test_a_closing_credit_to_an_outlet_leaves_the_speaker_before_it(extract):
    quotes = extract("It is too early to grant a membership plan to Georgia and Ukraine, German Chancellor "
                     "Angela Merkel said on Thursday, AFP reported.")
    assert [(q.actor, q.text[:14]) for q in quotes] == [("Angela Merkel", "It is too earl")]


def test_a_speaker_with_an_apposition_before_the_closing_cue(extract):
    quotes = extract("All members of the alliance must agree on any decision about the application, "
                     "Jens Stoltenberg, NATO secretary general, said Sunday.")
    assert [q.actor for q in quotes] == ["Jens Stoltenberg"]
    assert quotes[0].text.endswith("about the application")


@pytest.mark.parametrize("text, actor", [
    # an official speaks for NATO but is not NATO: the gold passages keep "NATO official" as the speaker
    ("“This statement remains in force”, – the NATO official said.", "the NATO official"),
    ("“We support the aspirations of Ukraine,” Mr.Stoltenberg stressed.", "Jens Stoltenberg"),
    ('"Today we are forming a union of opposition parties," said opposition leader Yulia Tymoshenko.',
     "Yulia Tymoshenko"),
    ("“Ukraine will not become a member of NATO either,” Juncker was quoted by DPA as saying.", "Jean-Claude Juncker"),
])
def test_direct_quote_attributions_real_news_writes(extract, text, actor):
    assert [q.actor for q in extract(text)] == [actor]


def test_a_bare_quote_sentence_continues_the_statement_before_it(extract):
    text = ("Poltorak reaffirmed that Ukraine wants to join NATO. “This is a strategic task, and we will do "
            "everything necessary to become a member.”\n\n“We want it and we will get there.”\n\n"
            "The weather was cold.\n\n“An unrelated slogan stood on the banner here.”")
    quotes = extract(text)
    assert [q.actor for q in quotes] == ["Stepan Poltorak"] * 3


def test_a_participle_after_an_attributed_quote_goes_on_with_its_speaker(extract):
    quotes = extract("“Peace cannot be found in the public domain,” Peskov said, adding that anonymous leaks "
                     "should be treated with caution.")
    assert [(q.actor, q.cue) for q in quotes] == [("Dmitry Peskov", "said"), ("Dmitry Peskov", "adding")]


def test_told_with_an_audience_closes_the_attribution(extract):
    quotes = extract("Membership is not on the alliance’s agenda for now, German Chancellor Olaf Scholz told "
                     "German journalists following his talks in Moscow.")
    assert [(q.actor, q.cue) for q in quotes] == [("Olaf Scholz", "told")]


def test_a_role_noun_names_whoever_the_article_titled_so(extract):
    text = ("Hungary's position was set out to Foreign Minister Péter Szijjártó's counterparts, "
            "and Joe Biden spoke later.\n\n“We will not allow it,” the Minister said.")
    assert by_text(extract(text), "We will not").actor == "Péter Szijjártó"


def test_other_romanisations_of_a_listed_name_are_the_same_actor(extract):
    quotes = extract("President Viktor Yuschenko said that Ukraine would keep to its course toward the alliance.")
    assert [q.actor for q in quotes] == ["Viktor Yushchenko"]


@pytest.mark.parametrize("text, actor, start", [
    ("The Republic of Turkey backs the prospect of Ukraine joining NATO.", "Government of Turkey", "backs the prospect"),
    ("Antony Blinken holds that staying out of NATO ought not to be viewed as a concession to Russia.",
     "Antony Blinken", "staying out of NATO"),
    ("Moscow regards Ukraine as part of its traditional sphere of influence.", "Government of Russia", "regards Ukraine"),
    ("We are waiting for the results of the elections in the USA, no one hides this, — emphasized Donald Tusk.",
     "Donald Tusk", "We are waiting"),
])
def test_positions_and_closing_cues_real_news_writes(extract, text, actor, start):
    q = by_text(extract(text), start)
    assert q.actor == actor and not q.text.endswith(("—", ","))


def test_a_titled_name_in_apposition_before_the_cue_is_the_speaker(extract):
    quotes = extract("“NATO is not ready to accept Georgia as a member,” the US State Department's special "
                     "representative for Ukraine, Kurt Volker, said in an interview.")
    assert [(q.actor, q.kind) for q in quotes] == [("Kurt Volker", "direct")]  # "in an interview" is no statement


def test_according_to_a_document_gives_the_statement_to_its_issuer(extract):
    quotes = extract("According to the final statement of the NATO summit on June 14, 2021, Ukraine and Georgia "
                     "may be admitted to the alliance in the future.")
    assert [(q.actor, q.text[:16]) for q in quotes] == [("NATO", "Ukraine and Geor")]


def test_a_summit_declaration_is_the_alliance_s_even_when_a_government_spoke_last(extract):
    text = ("NATO leaders met in Washington.\n\nUkraine's government welcomed the outcome, Kyiv said on Tuesday.\n\n"
            "“We fully support Ukraine’s right to choose its own security arrangements,” the final declaration reads.")
    assert by_text(extract(text), "We fully support").actor == "NATO"


def test_a_cue_coordinated_with_another_verb_keeps_the_sentence_subject(extract):
    quotes = extract("Viktor Yanukovych also spoke about a free trade zone by the end of the year and assured that "
                     "Ukraine does not plan to join the Customs Union.")
    assert [(q.actor, q.cue) for q in quotes] == [("Viktor Yanukovych", "assured")]


def test_expressed_reports_a_position(extract):
    quotes = extract("Viktor Yanukovych expressed his intention to find a balance between East and West.")
    assert [(q.actor, q.text) for q in quotes] == [("Viktor Yanukovych", "expressed his intention to find a balance between East and West")]


@pytest.mark.parametrize("lead", ["In his view,", "As he put it,", "In his words,"])
def test_a_fronted_in_his_view_attributes_the_sentence(extract, lead):
    quotes = extract(f"Dmytro Kuleba spoke in Kyiv. {lead} the alliance must invite Ukraine this year.")
    assert [(q.actor, q.text) for q in quotes] == [("Dmytro Kuleba", "the alliance must invite Ukraine this year")]


@pytest.mark.parametrize("headline, speaker, words", [
    ("Hungary to block any NATO decision on Kyiv", "Government of Hungary", "to block any NATO decision on Kyiv"),
    ("Ukraine abandons its NATO bid", "Government of Ukraine", "abandons its NATO bid"),
    ("Read also: Tymoshenko backs a vote on joining NATO", "Yulia Tymoshenko", "backs a vote on joining NATO"),
    ("Ukraine and NATO should part ways: Medvedev", "Dmitry Medvedev", "Ukraine and NATO should part ways"),
    ("Membership is for Georgia to decide -Stoltenberg", "Jens Stoltenberg", "Membership is for Georgia to decide"),
    ("The NATO chief: Kyiv keeps to its plan to join NATO.", "Jens Stoltenberg", "Kyiv keeps to its plan to join NATO."),
])
def test_headlines_with_lower_case_verbs_labels_and_trailing_speakers(extract, headline, speaker, words):
    quotes = extract(headline + "\n\nThe remarks came on Monday.", date(2023, 7, 1))
    assert [(q.actor, q.text) for q in quotes] == [(speaker, words)]


@pytest.mark.parametrize("line", ["Leaders at the summit table. Photo: Getty Images",
                                  "The summit hall in Vilnius (Photo: MTI)",
                                  "State of the Union: The plan would also delay any NATO membership."])
def test_photo_credits_and_section_labels_are_not_speakers(extract, line):
    assert extract(line + "\n\nThe remarks came on Monday.") == []


@pytest.mark.parametrize("text", [
    "``We will keep our course to the alliance,'' Yushchenko said on Friday.",
    "“We will keep our course to the alliance,’’ Yushchenko said on Friday.",
    "‘We will keep our course to the alliance,’ Yushchenko said on Friday.",
])
def test_doubled_and_single_quote_marks_pair_up(extract, text):
    quotes = extract(text)
    assert [(q.actor, q.text, q.kind) for q in quotes] == [
        ("Viktor Yushchenko", "We will keep our course to the alliance", "direct")]


def test_single_quotes_inside_double_quotes_stay_nested_and_apostrophes_are_no_marks(extract):
    quotes = extract("“They call it ‘a door that stays open,’ but Ukraine’s allies’ doubts remain,” Kuleba said.")
    assert [q.text for q in quotes] == ["They call it ‘a door that stays open,’ but Ukraine’s allies’ doubts remain"]


def test_a_reporters_aside_closes_the_speakers_content(extract):
    quotes = extract("Putin said on Thursday that Kyiv's growing army was a serious threat to Russia, two days after "
                     "the Pentagon chief visited Kyiv.")
    assert [(q.actor, q.text) for q in quotes] == [("Vladimir Putin", "Kyiv's growing army was a serious threat to Russia")]


def test_a_but_clause_with_its_own_verb_is_the_speakers_second_statement(extract):
    quotes = extract("The Kremlin says it opposes Ukraine's NATO membership on security grounds, but has never "
                     "objected to the country's wish to join the European Union.")
    assert [(q.actor, q.text) for q in quotes] == [
        ("Kremlin", "it opposes Ukraine's NATO membership on security grounds"),
        ("Kremlin", "has never objected to the country's wish to join the European Union")]


def test_a_title_with_an_object_is_no_part_of_the_name_and_names_the_role_later(extract):
    quotes = extract("U.S. Ambassador to Ukraine William Taylor said on Oct. 17 that Russia cannot stop Ukraine from "
                     "joining. The ambassador said no outside country had a veto over the alliance.")
    assert [(q.actor, q.speaker) for q in quotes] == [("William Taylor", "William Taylor"),
                                                      ("William Taylor", "The ambassador")]


def test_a_party_in_brackets_after_the_name_keeps_the_speaker(extract):
    quotes = extract("Estonia's Prime Minister Kaja Kallas (Reform) said the alliance cannot give in to Moscow's demands.",
                     date(2022, 2, 1))
    assert [(q.actor, q.text) for q in quotes] == [("Kaja Kallas", "the alliance cannot give in to Moscow's demands")]


def test_the_reporters_lead_into_a_quote_is_part_of_a_mixed_statement(extract):
    quotes = extract("The US takes the view that the bid “should be taken up at another time,” Sullivan said on Monday. "
                     "As the talks began, “we will keep our course to the alliance,” Yushchenko said.", date(2022, 3, 1))
    assert [(q.actor, q.kind, q.text) for q in quotes] == [
        ("Jake Sullivan", "mixed", "The US takes the view that the bid “should be taken up at another time"),
        ("Viktor Yushchenko", "direct", "we will keep our course to the alliance")]


def test_a_closing_told_with_a_named_newspaper_and_a_day(extract):
    quotes = extract("The two countries had been promised a path to membership, Yushchenko told the daily "
                     "Rzeczpospolita Saturday.")
    assert [(q.actor, q.text) for q in quotes] == [("Viktor Yushchenko", "The two countries had been promised a path to membership")]


def test_not_yet_is_one_verb_not_two_clauses(extract):
    quotes = extract("Stefanishyna told Reuters that Kyiv knows the allies have not yet agreed to invite it.")
    assert [q.text for q in quotes] == ["Kyiv knows the allies have not yet agreed to invite it"]


@pytest.mark.parametrize("attribution, speaker", [
    ("stated another Ukrainian negotiator at the talks, Oleksandr Chaly", "Oleksandr Chalyi"),
    ("said the Kremlin spokesman, Dmitry Peskov", "Dmitry Peskov"),
    ("said Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
])
def test_a_role_then_a_name_after_a_closing_cue(extract, attribution, speaker):
    quotes = extract(f"Ukraine will not be part of any military alliance, {attribution}.", date(2022, 3, 29))
    assert [(q.actor, q.text) for q in quotes] == [(speaker, "Ukraine will not be part of any military alliance")]


def test_the_head_of_state_is_the_leader_in_view(extract):
    quotes = extract("Zelensky met the troops on Monday. The head of state stressed that only democracies can "
                     "become members of NATO.")
    assert [(q.actor, q.speaker) for q in quotes] == [("Volodymyr Zelensky", "The head of state")]


@pytest.mark.parametrize("text, speaker", [
    ("The ex-president accuses the government of giving up on NATO.", "The ex-president"),
    ("Experts nevertheless believe that Ukraine will hardly join the alliance within 20 years.", "Experts"),
])
def test_a_hyphenated_title_and_a_bare_group_open_a_statement(extract, text, speaker):
    assert [q.speaker for q in extract(text)] == [speaker]


def test_a_long_relative_clause_between_the_name_and_the_cue(extract):
    quotes = extract("Orban, who has built close ties with Putin, which puts Hungary in a position of its own within "
                     "the alliance, stressed that no European leader wants a war in the region.")
    assert [(q.actor, q.text) for q in quotes] == [("Viktor Orbán", "no European leader wants a war in the region")]


@pytest.mark.parametrize("mark", ["  • ", "- ", "* "])
def test_a_list_item_is_read_after_its_mark(extract, mark):
    quotes = extract(f"{mark}Putin said he would respond badly if Georgia or Ukraine joined NATO.")
    assert [(q.actor, q.text) for q in quotes] == [("Vladimir Putin", "he would respond badly if Georgia or Ukraine joined NATO")]


def test_a_closing_attribution_then_a_participle_gives_two_statements(extract):
    quotes = extract("It was for Ukraine and its people to decide, Stoltenberg said, adding that Kyiv had not "
                     "applied for membership.")
    assert [(q.actor, q.cue, q.text) for q in quotes] == [
        ("Jens Stoltenberg", "said", "It was for Ukraine and its people to decide"),
        ("Jens Stoltenberg", "adding", "Kyiv had not applied for membership")]


def test_but_said_keeps_the_subject_of_the_first_verb(extract):
    quotes = extract("Turkey ratified Finland's accession in March but said Sweden still shelters militants.")
    assert [(q.actor, q.text) for q in quotes] == [("Government of Turkey", "Sweden still shelters militants")]


def test_bare_officials_after_a_fronted_phrase_are_a_speaker(extract):
    quotes = extract("At the May summit, officials said Ukraine was on course to join the alliance after the war.")
    assert [(q.speaker, q.text) for q in quotes] == [("officials", "Ukraine was on course to join the alliance after the war")]


def test_a_headline_surname_takes_the_full_name_the_body_gives_later(extract):
    quotes = extract("Lungescu: the door stays open\n\nNATO spokeswoman Oana Lungescu spoke in Brussels on Monday.")
    assert [(q.actor, q.speaker) for q in quotes] == [("Oana Lungescu", "Lungescu")]


@pytest.mark.parametrize("speaker, actor", [
    ("the Kremlin representative", "Dmitry Peskov"),
    ("The Kremlin's official representative", "Dmitry Peskov"),
    ("a Kremlin source", "a Kremlin source"),
    ("a senior US official", "a senior US official"),
])
def test_a_person_speaking_for_a_body_is_not_the_body(extract, speaker, actor):
    quotes = extract(f"Dmitry Peskov spoke to reporters on Monday. Ukraine's bid is a threat to Russia, {speaker} said.")
    assert [(q.actor, q.speaker) for q in quotes] == [(actor, speaker)]


@pytest.mark.parametrize("text, day, actor", [
    # a titled name dated before every listed holder of the title keeps its own name
    ("Latvian President Valdis Zatlers said the journey to NATO could still last some years.", date(2008, 4, 4),
     "Valdis Zatlers"),
    # ... and so does the role noun that refers back to it
    ("Latvian President Valdis Zatlers visited Washington. The Latvian president said the road to NATO could take "
     "years.", date(2008, 4, 4), "Valdis Zatlers"),
    # one person with two titles is not two speakers
    ("Former Defense Minister and Deputy Prime Minister Sergei Ivanov said NATO expansion was a mistake.", None,
     "Sergei Ivanov"),
    # a title and a bare surname take the full name given before
    ("Canada's Foreign Minister Lawrence Cannon arrived in Kyiv. Ukraine's path is its own choice, Minister Cannon "
     "said.", None, "Lawrence Cannon"),
])
def test_titled_speakers_the_actor_list_does_not_know(extract, text, day, actor):
    assert [q.actor for q in extract(text, day)] == [actor]


@pytest.mark.parametrize("after", [
    "This was stated by the bloc's Secretary General Mark Rutte on December 3.",
    "NATO Secretary General Mark Rutte said this at a news conference on Tuesday.",
])
def test_said_this_gives_the_sentence_before_to_the_speaker_named_after(extract, after):
    quotes = extract(f"NATO is not debating an invitation for Ukraine to join the alliance. {after}", date(2024, 12, 3))
    assert [(q.actor, q.text) for q in quotes] == [
        ("Mark Rutte", "NATO is not debating an invitation for Ukraine to join the alliance")]


@pytest.mark.parametrize("text, speaker, words", [
    ("According to the bill, a copy of which appeared on the parliament's website, Ukraine will stay out of all "
     "military blocs.", "the bill", "Ukraine will stay out of all military blocs"),
    ("Ukraine is applying for membership on a fast track, according to what President Zelenskyy said on Friday.",
     "President Zelenskyy", "Ukraine is applying for membership on a fast track"),
    ("Ukraine will be the first country Bush visits on his trip, Stephen Hadley told a news briefing in Washington.",
     "Stephen Hadley", "Ukraine will be the first country Bush visits on his trip"),
])
def test_according_to_a_bill_or_what_someone_said_and_told_a_briefing(extract, text, speaker, words):
    assert [(q.speaker, q.text) for q in extract(text)] == [(speaker, words)]


@pytest.mark.parametrize("text, words", [
    ("Hungarian Prime Minister Viktor Orban will block any decision on Ukraine at the summit.",
     "will block any decision on Ukraine at the summit"),
    ("Orban is ready to lift the veto once minority rights are restored.", "is ready to lift the veto once minority rights are restored"),
    ("Orban does not expect Ukraine to be invited at the summit.", "does not expect Ukraine to be invited at the summit"),
])
def test_an_intention_is_a_position(extract, text, words):
    assert [(q.actor, q.text) for q in extract(text)] == [("Viktor Orbán", words)]


def test_a_transcript_gives_each_labelled_speaker_their_paragraphs(extract):
    text = ("Assistant Secretary Nuland: Thanks for that question. I will be in Kyiv later this evening with the "
            "Vice President.\n\nSo it will not be for Moscow to decide about Ukraine's future. It will be for "
            "Ukrainians to decide.\n\nQuestion: What about Russia, and what it has said about the alliance?\n\n"
            "Assistant Secretary Nuland: No country has the right to decide the future of another one.\n\n"
            "Washington: The talks will go on next week in the capital, officials announced on the day.")
    quotes = extract(text, date(2014, 11, 21))
    assert [(q.actor, q.text[:20]) for q in quotes if q.actor == "Victoria Nuland"] == [
        ("Victoria Nuland", "Thanks for that ques"), ("Victoria Nuland", "So it will not be fo"),
        ("Victoria Nuland", "No country has the r")]
    assert all("What about Russia" not in q.text and "talks will go on" not in q.text for q in quotes
               if q.actor == "Victoria Nuland")


@pytest.mark.parametrize("text, actor", [
    ("Chinese spokesman Wang Wenbin spoke on Monday. NATO should not expand eastward, Wang said.", "Wang Wenbin"),
    ("MR. KIRBY: We have been clear that the door to NATO stays open, and we will keep saying so to everyone.",
     "John Kirby"),
])
def test_a_family_name_first_and_a_name_in_capitals(extract, text, actor):
    assert [q.actor for q in extract(text)] == [actor]


@pytest.mark.parametrize("text, cue", [
    ("Zelensky and Fiala signed a joint declaration backing Ukraine's membership of the alliance.", "signed"),
    ("Ukraine's parliament voted to drop the country's non-aligned status on Tuesday.", "voted"),
])
def test_signing_a_declaration_and_voting_to_are_positions(extract, text, cue):
    assert [q.cue for q in extract(text)] == [cue]


def test_signing_a_law_is_an_act_not_a_statement_as_the_team_articles_count_it(extract):
    assert extract("Poroshenko signed the law that ends Ukraine's non-aligned status on Monday.") == []


@pytest.mark.parametrize("text, actor, words", [
    # a fronted time before the comma is no content of a closing attribution
    ("At the end of August, Ukraine's Deputy Prime Minister Olha Stefanishyna said in an interview that the country "
     "might join before the war is over.", "Olha Stefanishyna", "the country might join before the war is over"),
    # a dateline with a timestamp before it
    ("22/02/2008 17:47 MOSCOW, February 22 (RIA Novosti) - Putin said on Friday the alliance is not considering "
     "taking in Georgia and Ukraine.", "Vladimir Putin", "the alliance is not considering taking in Georgia and Ukraine"),
    # a dash after the comma, and a role noun with its article and object
    ("Georgia's territorial integrity is not open to revision, - the Secretary General of NATO said in Brussels.",
     "Anders Fogh Rasmussen", "Georgia's territorial integrity is not open to revision"),
])
def test_times_datelines_and_dashes_around_an_attribution(extract, text, actor, words):
    assert [(q.actor, q.text) for q in extract(text, date(2010, 1, 1))] == [(actor, words)]


@pytest.mark.parametrize("line", ["By: Andrew Rettman and Valentina Pop, reporting from Brussels for the paper",
                                  "Question: What about Russia, and what it has said about the alliance?"])
def test_bylines_and_question_labels_are_not_speakers(extract, line):
    assert extract(line + "\n\nThe remarks came on Monday.") == []


@pytest.mark.parametrize("text, cue, words", [
    ("The decree, which sets out the main principles of foreign policy, declares that the country stays outside all "
     "military unions.", "declares", "the country stays outside all military unions"),
    ("The bill bars Ukraine from membership of any military bloc.", "bars",
     "bars Ukraine from membership of any military bloc"),
    ("Importantly, the bill allows for Ukraine's integration with Europe, up to membership of the Union.", "allows for",
     "allows for Ukraine's integration with Europe, up to membership of the Union"),
])
def test_what_a_document_provides_is_its_issuers_statement(extract, text, cue, words):
    quotes = extract(text)
    assert [(q.cue, q.text, "document" in q.patterns) for q in quotes] == [(cue, words, True)]


def test_a_position_in_a_relative_clause_belongs_to_its_antecedent(extract):
    quotes = extract("He spoke in a clear allusion to Russia, which fiercely opposes Ukraine's membership of the alliance.")
    assert [(q.actor, q.text) for q in quotes] == [("Government of Russia", "opposes Ukraine's membership of the alliance")]
