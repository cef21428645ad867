"""Each catalogue guard fails on a planted bad page and passes once the fault is taken out.

A planted page is a modified copy of a real shipped film, so the guards are tried on the shapes
editors actually write. Each test first shows the guard quiet on the page without the fault, then
plants one fault and asserts the guard names it.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))

import catalog_rules as rules  # noqa: E402
from copycheck import digest, runs  # noqa: E402

from filmtui.catalog import load_catalog  # noqa: E402

SHEET = json.loads((TESTS / "data" / "catalog-facts.json").read_text())
FILMS = {f["title"]: f for f in load_catalog().films}
ENTRY = {e["title"]: e for e in SHEET}
DF = rules.film_frequency(SHEET)


def page(title: str, **changes) -> dict:
    """A copy of a shipped film's page, with some fields replaced."""
    film = copy.deepcopy(FILMS[title])
    film.update(copy.deepcopy(changes))
    return film


def faq(
    question: str,
    answer: str = "An answer of our own, in two plain sentences. It says enough.",
    source: str = "https://en.wikipedia.org/wiki/Heat_(1995_film)",
    spoiler: bool = False,
) -> dict:
    return {
        "question": question,
        "answer": answer,
        "source": source,
        "second_source": None,
        "spoiler": spoiler,
    }


def trivia(
    text: str, source: str = "https://en.wikipedia.org/wiki/Heat_(1995_film)", spoiler: bool = False
) -> dict:
    return {"text": text, "source": source, "second_source": None, "spoiler": spoiler}


def plain_questions(n: int) -> list[dict]:
    return [
        faq(f"What does scene {word} show?")
        for word in "one two three four five six seven eight nine ten eleven".split()[:n]
    ]


def plain_trivia(n: int) -> list[dict]:
    return [
        trivia(f"Note {word} about a location in Los Angeles.")
        for word in "one two three four five six seven eight nine ten eleven".split()[:n]
    ]


def test_written_in_full_guard() -> None:
    assert rules.written_in_full_problems(page("Heat", synopsis="word " * 60)) == []
    assert rules.written_in_full_problems(page("Heat", synopsis="Too short.", blurb="")) == [
        "no blurb",
        "synopsis has 2 words, not 60 to 120",
    ]
    assert rules.written_in_full_problems(page("Heat", synopsis="word " * 121)) == [
        "synopsis has 121 words, not 60 to 120"
    ]


def test_cast_order_guard() -> None:
    heat = FILMS["Heat"]
    assert rules.cast_order_problems(page("Heat", cast=heat["cast"][:3]), ENTRY["Heat"]) == []
    swapped = [heat["cast"][1], heat["cast"][0], *heat["cast"][2:]]
    (problem,) = rules.cast_order_problems(page("Heat", cast=swapped), ENTRY["Heat"])
    assert problem.startswith("cast ['Robert De Niro', 'Al Pacino'")


def test_count_guard() -> None:
    assert rules.count_problems(page("Heat", faq=plain_questions(6), trivia=plain_trivia(10))) == []
    assert rules.count_problems(page("Heat", faq=plain_questions(5), trivia=plain_trivia(6))) == [
        "5 faq items; a page has 6 to 10"
    ]
    assert rules.count_problems(page("Heat", faq=plain_questions(6), trivia=plain_trivia(11))) == [
        "11 trivia items; a page has 6 to 10"
    ]


def test_metadata_guard() -> None:
    story = [faq("Why did Manhunter fail at the box office?")]
    plot = [
        faq("How does the money switch work, and who ends up with it?"),
        faq("Who made the famous opening titles?"),
        faq("Why is there almost no music?"),
    ]
    assert rules.metadata_problems(page("Heat", faq=plain_questions(5) + story)) == []
    # "Why is there almost no music?" is about the film's sound, yet it is the one allowed here.
    assert rules.metadata_problems(page("Heat", faq=plain_questions(4) + plot[:2])) == []
    bad = page(
        "Heat", faq=plain_questions(5) + story + [faq("How long is Heat, and what is it rated?")]
    )
    (problem,) = rules.metadata_problems(bad)
    assert problem.startswith("2 metadata questions") and "runtime, rating" in problem
    # How long a shoot took, or an actor earning a part, is not the header's runtime or money.
    for question in (
        "How long did the shoot take?",
        "How did Pesci earn the part?",
        "What happens in the last ten minutes?",
    ):
        assert rules.metadata_kinds(question) == [], question
    for question in (
        "Who composed the score?",
        "When was it released?",
        "What was the budget?",
        "Who directed Fargo?",
        "Was it a box-office hit?",
        "Why is Joel Coen the only credited director?",
    ):
        assert rules.metadata_kinds(question), question


def test_restated_trivia_guard() -> None:
    heat = FILMS["Heat"]
    answer = heat["faq"][0]["answer"]
    good = [
        t
        for t in heat["trivia"]
        if all(
            rules.overlap(t["text"], f["question"] + " " + f["answer"]) < rules.OVERLAP
            for f in heat["faq"]
        )
    ]
    assert good and rules.restated_trivia_problems(page("Heat", trivia=good)) == []
    # Most of faq 1's content words, reordered and cut down: the same fact told twice.
    restated = " ".join(reversed(rules.content_words(answer)[:14])).capitalize() + "."
    (problem,) = rules.restated_trivia_problems(page("Heat", trivia=good + [trivia(restated)]))
    assert problem.startswith(f"trivia {len(good) + 1} restates faq 1")


def test_restated_synopsis_guard() -> None:
    heat = FILMS["Heat"]
    good = page("Heat", faq=[], trivia=[trivia("Tom Noonan, Manhunter's killer, plays Kelso.")])
    assert rules.restated_trivia_problems(good) == []
    told = " ".join(rules.content_words(heat["synopsis"])[:12]).capitalize() + "."
    (problem,) = rules.restated_trivia_problems(page("Heat", faq=[], trivia=[trivia(told)]))
    assert problem.startswith("trivia 1 restates the synopsis")


def test_source_guard() -> None:
    clean = page("Heat", faq=plain_questions(6), trivia=plain_trivia(6))
    assert rules.source_problems(clean) == []
    bad = page(
        "Heat",
        faq=plain_questions(6),
        trivia=[
            trivia("Mirrored.", source="http://piglix.com/piglix/L.A._Takedown"),
            trivia("A blog.", source="https://mikeschiemer.blogspot.com/2010/heat.html"),
            trivia("A quiz.", source="https://quizzclub.com/trivia/heat/"),
            trivia("A shop.", source="https://www.postermountain.com/heat-poster"),
            trivia("A farm.", source="https://localnewswave.com/article/1033855821652783104"),
            trivia("Nothing.", source=None),
            trivia("Not the web.", source="ftp://example.org/heat"),
        ],
    )
    bad["faq"][0]["second_source"] = "https://wikimili.com/en/Heat_(1995_film)"
    problems = rules.source_problems(bad)
    assert problems == [
        "faq 1: second_source wikimili.com is a Wikipedia mirror or copy",
        "trivia 1: source piglix.com is a Wikipedia mirror or copy",
        "trivia 2: source mikeschiemer.blogspot.com is a free-host fan page",
        "trivia 3: source quizzclub.com is a quiz or study-guide site",
        "trivia 4: source postermountain.com is a shop or poster seller",
        "trivia 5: source localnewswave.com is a content farm, aggregator or scraped copy",
        "trivia 6: no source",
        "trivia 7: source is not a web address: 'ftp://example.org/heat'",
    ]


def test_the_mirrors_the_sheet_names_are_denied_and_wikipedia_is_not() -> None:
    # The survey behind DENIED_HOSTS: the mirrors named in the sheet's README are all caught.
    for host in ("piglix.com", "wikimili.com", "wiki2.org", "review.clateway.com"):
        assert rules.denied(f"https://{host}/x") == "Wikipedia mirror or copy", host
    assert rules.denied("https://en.wikipedia.org/wiki/Heat_(1995_film)") is None
    assert (
        rules.denied("https://www.theguardian.com/film/2014/jun/09/how-we-made-city-of-god") is None
    )


def test_an_origin_host_is_refused_and_its_public_address_counts_as_the_sheets() -> None:
    origin = "https://ajw-origin.potaufeu.asahi.com/ajw/articles/14034548"
    public = "https://www.asahi.com/ajw/articles/14034548"
    known = rules.sheet_sources(ENTRY["Memories of Murder"])
    assert origin in known  # the sheet gives the origin address
    cited = page("Memories of Murder", faq=[faq("Was an innocent man jailed?", source=public)],
                 trivia=[])
    assert rules.source_problems(cited) == []
    assert rules.unknown_source_problems(cited, known) == []  # the sheet vouches for the page
    cited["faq"][0]["source"] = origin
    assert rules.source_problems(cited) == [
        "faq 1: source ajw-origin.potaufeu.asahi.com is a server behind an outlet's site "
        "(an origin or CDN host: cite its public address)"
    ]
    # Any host named as an origin server is refused, not only the one the sheet gave.
    for url in ("https://origin.example-news.com/a", "https://www-origin.example.org/film/1"):
        assert rules.denied(url) == rules.ORIGIN, url
    for url in ("https://www.originfilms.co.uk/a", "https://origin.com/b"):
        assert rules.denied(url) is None, url


def test_unknown_source_guard() -> None:
    known = rules.sheet_sources(ENTRY["Pulp Fiction"])
    film = page(
        "Pulp Fiction", faq=[faq("Q?", source="https://www.filmsite.org/pulp5.html")], trivia=[]
    )
    # mail.filmsite.org is in the sheet: the outlet's own www page is the same citation.
    assert rules.unknown_source_problems(film, known) == []
    film["faq"][0]["second_source"] = "https://example.org/made-up"
    assert rules.unknown_source_problems(film, known) == [
        "faq 1: second_source https://example.org/made-up is not in the fact sheet"
    ]


def test_old_source_guard() -> None:
    old = "https://inalonelyplacefilm.com/2012/05/24/when-bobby-met-al-sitting-down-for-coffee-in-heat/?replytocom=708"
    new = "https://www.hollywoodreporter.com/news/michael-mann-al-pacino-robert-926597"
    assert (
        rules.old_source_problems(
            page("Heat", faq=[faq("Q?", source=new)], trivia=[]), ENTRY["Heat"]
        )
        == []
    )
    (problem,) = rules.old_source_problems(
        page("Heat", faq=[faq("Q?", source=old)], trivia=[]), ENTRY["Heat"]
    )
    assert problem.startswith(f"faq 1: source {old} is replaced by {new}")
    # A replaced Wikipedia article counts only on the fact it was replaced for.
    wiki = "https://en.wikipedia.org/wiki/Collateral_(film)"
    other = trivia("Jamie Foxx took driving lessons for the cab scenes.", source=wiki)
    viper = trivia(
        "It was the first big feature shot largely on the Viper digital camera.", source=wiki
    )
    assert (
        rules.old_source_problems(page("Collateral", faq=[], trivia=[other]), ENTRY["Collateral"])
        == []
    )
    assert (
        len(
            rules.old_source_problems(
                page("Collateral", faq=[], trivia=[viper]), ENTRY["Collateral"]
            )
        )
        == 1
    )


def test_process_word_guard() -> None:
    fine = [
        trivia("We never see the killer's face until the last reel."),
        trivia("Sources close to Mann differ."),
        trivia("Towne's script went through three revisions before Polanski was happy."),
    ]
    assert (
        rules.process_word_problems(
            page(
                "Heat",
                faq=[],
                trivia=fine,
                blurb="A thief and a cop.",
                synopsis="x",
                complexity="y",
            )
        )
        == []
    )
    bad = page(
        "Heat",
        faq=[faq("Is it true?", "Our fact sheet calls it true. Wikipedia says so too.")],
        trivia=[trivia("An older revision gave 1963; that is as far as our information goes.")],
        blurb="A thief and a cop.",
        synopsis="x",
        complexity="y",
    )
    assert rules.process_word_problems(bad) == [
        "faq 1: process words 'fact sheet'",
        "faq 1: process words 'Wikipedia'",
        "trivia 1: process words 'revision'",
        "trivia 1: process words 'as far as our'",
    ]


HEAT_ENDING = (
    "On the runway lights by LAX, Hanna shoots McCauley on the airfield and holds his hand."
)


def test_spoiler_guard_on_items() -> None:
    heat = ENTRY["Heat"]
    told = page("Heat", faq=[], trivia=[trivia(HEAT_ENDING, spoiler=True)])
    assert rules.spoiler_problems(told, heat, DF) == []
    told["trivia"][0]["spoiler"] = False
    (problem,) = rules.spoiler_problems(told, heat, DF)
    assert problem.startswith(
        "trivia 1 tells the sheet's spoiler question 'How does Heat end? (spoiler)'"
    )
    assert "airfield" in problem and "lax" in problem


def test_spoiler_guard_on_a_spoiler_question() -> None:
    suspects = ENTRY["The Usual Suspects"]
    asked = page(
        "The Usual Suspects",
        faq=[
            faq("Who is Keyser Söze, really?", spoiler=True),
            faq("Where does the name Keyser Söze come from?"),
        ],
        trivia=[],
    )
    assert rules.spoiler_problems(asked, suspects, DF) == []
    asked["faq"][0]["spoiler"] = False
    assert rules.spoiler_problems(asked, suspects, DF) == [
        "faq 1 asks the sheet's spoiler question 'Who is Keyser Soze?' unflagged"
    ]


def test_spoiler_guard_on_a_flagged_question_that_tells() -> None:
    suspects = ENTRY["The Usual Suspects"]
    hidden = faq(
        "Who is Keyser Söze?",
        answer="Verbal drops the limp as the faxed sketch arrives.",
        spoiler=True,
    )
    told = faq("Why does Verbal lose his limp when the faxed sketch arrives?", spoiler=True)
    assert (
        rules.spoiler_problems(page("The Usual Suspects", faq=[hidden], trivia=[]), suspects, DF)
        == []
    )
    (problem,) = rules.spoiler_problems(
        page("The Usual Suspects", faq=[told], trivia=[]), suspects, DF
    )
    assert problem.startswith("faq 1: the question of a spoiler gives away question 'Who is Keyser")
    assert "limp" in problem


def test_spoiler_guard_on_synopsis_blurb_and_complexity() -> None:
    heat = ENTRY["Heat"]
    clean = page("Heat", faq=[], trivia=[])
    assert rules.spoiler_problems(clean, heat, DF) == []
    for field in ("blurb", "synopsis", "complexity"):
        bad = page("Heat", faq=[], trivia=[], **{field: clean[field] + " " + HEAT_ENDING})
        (problem,) = rules.spoiler_problems(bad, heat, DF)
        assert problem.startswith(f"{field} tells the sheet's spoiler question 'How does Heat end?")


def test_the_spoiler_marks_leave_out_what_the_plain_items_say() -> None:
    # Names every item uses (McCauley, Hanna) give nothing away; the ending's own details do.
    ((_, real_end), (_, ending)) = rules.spoiler_marks(ENTRY["Heat"], DF)
    assert not {"mccauley", "hanna", "heat"} & ending
    assert {"airfield", "lax"} <= ending and "cicero" in real_end


def test_copy_guard() -> None:
    fact_runs, question_runs = rules.sheet_runs(SHEET)
    premise = ENTRY["Heat"]["premise"]["text"]
    question = "Why does Neil walk away from Eady at the hotel, and was that always the plan?"
    clean = page(
        "Heat",
        faq=[faq(question)],
        trivia=[],
        blurb="A thief and a cop.",
        synopsis="x",
        complexity="y",
    )
    # A FAQ question may keep the sheet's own question; names in a list are facts, not prose.
    clean["trivia"] = [
        trivia(
            "The masks were of Ronald Reagan, Jimmy Carter, Richard Nixon and Lyndon B. Johnson."
        )
    ]
    sheet_question = {"question": question, "facts": [], "spoiler": False, "sources": []}
    fact_runs2, question_runs2 = rules.sheet_runs(
        [*SHEET, {"title": "x", "questions": [sheet_question]}]
    )
    assert rules.copy_problems(clean, fact_runs2, question_runs2, set()) == []
    bad = page(
        "Heat",
        faq=[faq("Q?", answer=f"Yes. {question}")],
        trivia=[trivia(premise)],
        blurb="A thief and a cop.",
        synopsis="x",
        complexity="y",
    )
    problems = rules.copy_problems(bad, fact_runs2, question_runs2, set())
    assert any(p.startswith("trivia 1 copies the fact sheet: ") for p in problems)
    assert any(p.startswith("faq 1 copies the fact sheet: 'why does neil walk") for p in problems)
    # The seed page is known only by hashes of its runs.
    seed = {digest(run) for run in runs("a thief and a cop who are closer than they know")}
    seeded = page(
        "Heat",
        faq=[],
        trivia=[],
        blurb="A thief and a cop who are closer than they know.",
        synopsis="x",
        complexity="y",
    )
    problems = rules.copy_problems(seeded, fact_runs, question_runs, seed)
    assert (
        len(problems) == 4
        and "blurb copies the seed page: 'a thief and a cop who are closer'" in problems
    )


def test_template_guard() -> None:
    stock = "It asks for patience with a slow build and rewards it."
    films = [page(t, complexity=f"{t} is long. {stock}") for t in ("Heat", "Thief", "Ronin")]
    assert rules.template_problems(films[0], films) == []
    fourth = page("Drive", complexity=f"Drive is short. {stock}")
    problems = rules.template_problems(fourth, [*films, fourth])
    assert "complexity shares 'asks for patience with a' with 3 other films" in problems
    verdicts = [
        page(t, complexity=f"Easy to follow: {t} keeps to one night.")
        for t in ("Heat", "Thief", "Ronin", "Drive")
    ]
    assert rules.template_problems(verdicts[0], verdicts[:3]) == []
    assert rules.template_problems(verdicts[0], verdicts) == [
        "complexity opens with the verdict 'easy to follow': like 3 other films"
    ]


def test_advisory_guard() -> None:
    heat = ENTRY["Heat"]
    assert rules.advisory_problems(page("Heat", advisories=heat["advisories"]["list"]), heat) == []
    bad = page("Heat", advisories=["Violence", "Strong language", "Mature themes"])
    assert rules.advisory_problems(bad, heat) == [
        "advisory 'Violence' is not in the vocabulary",
        "advisory 'Strong violence' from the sheet is missing",
        "advisory 'Disturbing images' from the sheet is missing",
    ]


def cast_with(title: str, name: str, character: str) -> dict:
    film = page(title)
    for row in film["cast"]:
        if row["name"] == name:
            row["character"] = character
    return film


def test_character_guard() -> None:
    se7en, casino = ENTRY["Se7en"], ENTRY["Casino"]
    # cast_characters overrules the cast row's "Coroner"; Fanning and Ray Fanning are one name.
    assert not [
        p
        for p in rules.character_problems(
            cast_with("Se7en", "Reg E. Cathey", "Dr. Santiago"), se7en
        )
        if "Cathey" in p
    ]
    assert rules.character_problems(cast_with("Se7en", "Reg E. Cathey", "Coroner"), se7en)[-1:] == [
        "cast Reg E. Cathey: character 'Coroner' is not the sheet's"
    ]
    for character in ("Ray Fanning", "Fanning"):
        film = cast_with("Collateral", "Mark Ruffalo", character)
        assert not [
            p for p in rules.character_problems(film, ENTRY["Collateral"]) if "Ruffalo" in p
        ]
    blank = cast_with("Casino", "Kevin Pollak", "")
    assert "cast Kevin Pollak: character left blank; cast_characters gives 'Phillip Green'" in (
        rules.character_problems(blank, casino)
    )
    # The correction says "Mike" alone is wrong: Mike Dorsett.
    mike = rules.character_problems(
        cast_with("The Untouchables", "Richard Bradford", "Mike"), ENTRY["The Untouchables"]
    )
    assert "cast Richard Bradford: character 'Mike' is what a correction says is wrong" in mike
    invented = rules.character_problems(
        cast_with("Heat", "Al Pacino", "Captain Hook"), ENTRY["Heat"]
    )
    assert invented == ["cast Al Pacino: character 'Captain Hook' is not the sheet's"]


def test_fact_guard_applies_the_corrections() -> None:
    dog = page(
        "Dog Day Afternoon", budget=1_800_000, revenue=50_000_000, unverified=["budget", "revenue"]
    )
    assert [
        p
        for p in rules.fact_problems(dog, ENTRY["Dog Day Afternoon"])
        if p.startswith(("budget", "revenue"))
    ] == []
    dog["unverified"] = []
    assert [
        p
        for p in rules.fact_problems(dog, ENTRY["Dog Day Afternoon"])
        if p.startswith(("budget", "revenue"))
    ] == [
        "budget: a correction disputes 1800000; leave it out or list it unverified",
        "revenue: a correction disputes 50000000; leave it out or list it unverified",
    ]
    assert not [
        p
        for p in rules.fact_problems(page("Manhunter", runtime=124), ENTRY["Manhunter"])
        if "runtime" in p
    ]
    assert "runtime: 130, the correction allows [119, 120, 124]" in rules.fact_problems(
        page("Manhunter", runtime=130), ENTRY["Manhunter"]
    )
    suspects = page("The Usual Suspects", unverified=["release_date"])
    assert (
        "release_date: a correction confirms it; take it out of unverified"
        in rules.fact_problems(suspects, ENTRY["The Usual Suspects"])
    )
    for directors in (["Joel Coen"], ["Joel Coen", "Ethan Coen"]):
        assert not [
            p
            for p in rules.fact_problems(page("Fargo", directors=directors), ENTRY["Fargo"])
            if "directors" in p
        ]
    assert rules.fact_problems(page("Heat", runtime=171), ENTRY["Heat"]) == [
        "runtime: 171, the sheet says 170"
    ]


def test_a_new_correction_of_a_checked_field_is_noticed() -> None:
    entry = copy.deepcopy(ENTRY["Heat"])
    assert rules.corrected_fields(entry) == set()
    entry["corrections"].append(
        {"where": "films.json runtime_minutes", "says": "170", "correct": "171"}
    )
    entry["corrections"].append({"where": "v1 budget_usd", "says": "60M", "correct": "?"})
    entry["corrections"].append(
        {"where": "TOML faq[1] ('Who directed Heat?')", "says": "", "correct": ""}
    )
    assert rules.corrected_fields(entry) == {"budget", "runtime", "directors"}
    entry["corrections"].append(
        {"where": "TOML trivia[2] (budget range)", "says": "", "correct": ""}
    )
    assert rules.corrected_fields(entry) == {
        "budget",
        "runtime",
        "directors",
    }  # a trivia line, not the field


def test_a_production_server_is_refused_and_the_sheet_vouches_for_the_public_page() -> None:
    production = "https://frontline-prod.gbh.digi-producers.pbs.org/wgbh/pages/frontline/smoke/cron.html"
    public = "https://www.pbs.org/wgbh/pages/frontline/smoke/cron.html"
    known = rules.sheet_sources(ENTRY["The Insider"])
    assert production in known  # the sheet gives the production server's address
    cited = page("The Insider", faq=[faq("How true is The Insider?", source=public)], trivia=[])
    assert rules.source_problems(cited) == []
    assert rules.unknown_source_problems(cited, known) == []
    cited["faq"][0]["source"] = production
    assert rules.source_problems(cited) == [
        "faq 1: source frontline-prod.gbh.digi-producers.pbs.org is a server behind an outlet's "
        "site (an origin or CDN host: cite its public address)"
    ]
