"""The editor's rules for a catalogue page, one small function each.

Every guard takes one film (the dict `load_catalog` gives) and what it needs from the fact sheet
(version 2, `tests/data/catalog-facts.json`), and returns its problems as short lines; an empty list
means the page keeps the rule. The parametrized tests in tests/domain/test_catalog_guards.py run
them on every shipped film; tests/domain/test_catalog_guards_planted.py plants a bad page for
each one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from urllib.parse import urlparse

from copycheck import digest, prose_runs, runs, words

FAQ_RANGE = range(6, 11)
TRIVIA_RANGE = range(6, 11)

ADVISORIES = {
    "Strong violence", "Strong language", "Sexual violence", "Sexual content", "Nudity",
    "Drug use", "Disturbing images", "Mature themes",
}  # fmt: skip

STOPWORDS = set(
    """
    a about above after again against all also an and any are aren't as at be because been
    before being below between both but by can could did didn't do does doesn't doing don't
    down during each few for from further had has have having he he'd he's her here hers
    herself him himself his how i if in into is isn't it it's its itself just let's me more
    most much my myself no nor not now of off on once one only or other our ours out over
    own same she she's should so some such than that that's the their theirs them themselves
    then there there's these they they're this those through to too two under until up upon
    us very was wasn't we were what when where which while who whom whose why will with
    would you your film films movie first later later's who's says said say told tells get
    got made make makes many even still ever never spoiler spoilers
    """.split()
)


def plain_words(text: str) -> list[str]:
    """Lowercased words with accents folded, so "Söze" and "Soze" are one word."""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9']+", folded.lower())


def stem(word: str) -> str:
    """A crude stem ("faxed", "fax" and "faxes" match): enough to compare a page with the sheet."""
    for suffix, keep in (("ing", 3), ("ed", 3), ("es", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> list[str]:
    """The stemmed words that carry meaning: no stopwords, no one- or two-letter words."""
    out = []
    for word in plain_words(text):
        word = word.removesuffix("'s").strip("'")
        if word in STOPWORDS or len(word) < 3 and not word.isdigit():
            continue
        out.append(stem(word))
    return out


def shown_texts(film: dict) -> list[tuple[str, str]]:
    """(where, text) for everything a reader sees in the page's own words."""
    texts = [
        (name, film[name])
        for name in ("blurb", "synopsis", "complexity", "tagline")
        if name in film
    ]
    for number, item in enumerate(film.get("faq", []), 1):
        texts.append((f"faq {number}", f"{item['question']}\n{item['answer']}"))
    for number, item in enumerate(film.get("trivia", []), 1):
        texts.append((f"trivia {number}", item["text"]))
    return texts


def items(film: dict) -> list[tuple[str, dict]]:
    """(where, item) for every FAQ and trivia item of the page."""
    return [(f"faq {n}", i) for n, i in enumerate(film.get("faq", []), 1)] + [
        (f"trivia {n}", i) for n, i in enumerate(film.get("trivia", []), 1)
    ]


def item_text(item: dict) -> str:
    return f"{item['question']}\n{item['answer']}" if "question" in item else item["text"]


# --- the page's shape ----------------------------------------------------------------------------

SYNOPSIS_WORDS = range(60, 121)


def written_in_full_problems(film: dict) -> list[str]:
    """A blurb, a complexity note, advisories, and a synopsis of 60 to 120 words."""
    problems = [
        f"no {name}" for name in ("blurb", "complexity", "advisories") if not film.get(name)
    ]
    n = len(words(film.get("synopsis", "")))
    if n not in SYNOPSIS_WORDS:
        problems.append(f"synopsis has {n} words, not 60 to 120")
    return problems


def cast_order_problems(film: dict, entry: dict) -> list[str]:
    """The cast is the sheet's, in billing order (a shorter list is its first rows)."""
    sheet_names = [c["name"] for c in entry.get("cast", [])]
    ours = [c["name"] for c in film.get("cast", [])]
    if ours == sheet_names[: len(ours)]:
        return []
    return [f"cast {ours} is not the first rows of the sheet's {sheet_names}"]


# --- how many items -------------------------------------------------------------------------------


def count_problems(film: dict) -> list[str]:
    """6 to 10 FAQ and 6 to 10 trivia items."""
    problems = []
    for name, allowed in (("faq", FAQ_RANGE), ("trivia", TRIVIA_RANGE)):
        n = len(film.get(name, []))
        if n not in allowed:
            problems.append(f"{n} {name} items; a page has {allowed.start} to {allowed.stop - 1}")
    return problems


# --- questions the header already answers ---------------------------------------------------------

#: What a metadata question asks about, by the words that give it away in the question.
METADATA = {
    "runtime": r"\bhow long is\b|\bhow long does it run\b|\brun(ning)? ?time\b"
    r"|\bhow many minutes\b",
    "rating": r"\brated\b|\bratings? board\b|\bmpaa\b|\bcertificat|\bnc-17\b|\bpg-13\b",
    "money": r"\bbox[- ]office\b|\bbudget\b|\bgross(ed)?\b|\bhow much did it (make|earn|cost)\b"
    r"|\bma(k|d)e (its |any )?money\b|\bprofit|\bflop|\bcost to make\b"
    r"|\bcommercial (hit|success)\b",
    "release date": r"\bwhen\b.*\b(released?|come out|came out|opened|premiered?)\b"
    r"|\brelease date\b",
    "music": r"\bcompos(er|ed|es)\b|\bmusic\b|\bscore\b|\bsoundtrack\b",
    "director": r"\bwho directed\b|\bdirected by\b|\bwho (was|is) the director\b"
    r"|\bcredited director\b|\bdirecting credit\b",
}


def metadata_kinds(question: str) -> list[str]:
    """The header facts a FAQ question asks for (empty for a question about the film itself)."""
    q = question.lower()
    return [kind for kind, pattern in METADATA.items() if re.search(pattern, q)]


def metadata_problems(film: dict) -> list[str]:
    """At most one question whose answer the header shows (kept only for a story behind it)."""
    asked = [(item["question"], metadata_kinds(item["question"])) for item in film.get("faq", [])]
    asked = [(q, kinds) for q, kinds in asked if kinds]
    if len(asked) <= 1:
        return []
    return [
        f"{len(asked)} metadata questions (at most one): "
        + "; ".join(f"{q!r} ({', '.join(kinds)})" for q, kinds in asked)
    ]


# --- trivia that restates the FAQ -----------------------------------------------------------------

#: A trivia item restates a FAQ answer when this share of its content words is in the answer.
#: The 41 version-1 pages have restatements at 0.7 to 0.9; 40 rewritten pages stay under 0.5.
OVERLAP = 0.6
#: The synopsis is longer and names the cast, so a trivia item needs more of its words in it:
#: version-1 restatements reach 0.75 to 0.86; rewritten trivia reaches 0.58 without repeating it.
SYNOPSIS_OVERLAP = 0.7


def overlap(part: str, whole: str) -> float:
    """Share of `part`'s distinct content words that also appear in `whole`."""
    mine = set(content_words(part))
    return len(mine & set(content_words(whole))) / len(mine) if mine else 0.0


def restated_trivia_problems(film: dict) -> list[str]:
    """No trivia item shares most of its content words with a FAQ answer or the synopsis."""
    problems = []
    for t_number, trivia in enumerate(film.get("trivia", []), 1):
        for f_number, faq in enumerate(film.get("faq", []), 1):
            share = overlap(trivia["text"], f"{faq['question']} {faq['answer']}")
            if share >= OVERLAP:
                problems.append(
                    f"trivia {t_number} restates faq {f_number} ({share:.0%} of its words): "
                    f"{trivia['text'][:70]!r}"
                )
        share = overlap(trivia["text"], film.get("synopsis", ""))
        if share >= SYNOPSIS_OVERLAP:
            problems.append(
                f"trivia {t_number} restates the synopsis ({share:.0%} of its words): "
                f"{trivia['text'][:70]!r}"
            )
    return problems


# --- sources --------------------------------------------------------------------------------------

ORIGIN = "server behind an outlet's site (an origin or CDN host: cite its public address)"
#: Origin hosts the fact sheet gives, by the public host that serves the same paths. Such an
#: address works only while the outlet keeps its hosting, and it is not where a reader goes.
#: The sheet's address still vouches for the public page (see `canonical`).
ORIGIN_HOSTS = {
    "ajw-origin.potaufeu.asahi.com": "www.asahi.com",
    "frontline-prod.gbh.digi-producers.pbs.org": "www.pbs.org",  # Frontline's production server
}

#: Hosts a page never cites, by why. Surveyed from every address in the fact sheet v2.
DENIED_HOSTS = {
    "Wikipedia mirror or copy": """
        piglix.com wikimili.com wiki2.org review.clateway.com clateway.com justapedia.org
        academickids.com askwikinow.com en-academic.com encycloreader.org infogalactic.com
        wikiwand.com wiki.1209k.com wiki.studentb.eu shortpedia.org readtiger.com movatter.jp
        nextcloud.domilabs.xyz zalansite.site wap.bdmobi.com movies.fandom.com thefilmpedia.com
        db0nus869y26v.cloudfront.net cc.bingj.com dweb.link""",
    "quiz or study-guide site": """
        quizzclub.com moviescramble.co.uk shmoop.com gradesaver.com supersummary.com
        papersowl.com gradesaver-website-prod-tql6r.ondigitalocean.app""",
    "shop or poster seller": """
        postercollector.co.uk postermountain.com ebay.ie ebay.com vhsretro.com uv-digimart.com
        uniquecarsandparts.com""",
    "content farm, aggregator or scraped copy": """
        24hournews.click 24instantnews.com 492131.site newsreadersclub.xyz earthpressnews.com
        roundnews.com bbg-news.com heraldweekly.com slashnews.us warsawnews.net
        influencenewsnow.com gossipify.com celebritynooz.com localnewswave.com
        thegoaspotlight.com rpm.emedhealthtech.com fast-gamers.netlify.app genesisapp.netlify.app
        lizardking.pages.dev cloudvpstemplate.host.filmsite.org d362wsx8rkw9qn.cloudfront.net
        bloggmylyf.com toplist.info rssing.com hollywood-movies.yoexpert.com ihavenet.com
        tvmflix.com meaww.com fromthesource.link acmesponge.com visualfoodie.com movie-rater.com
        mymoviepicker.com sitenoise.com avancegames.com.br sleuth-news.com globlio.com
        wordola.com alltopchart.com imperialglamourbeautybox.com runyoncanyon-losangeles.com
        bbcnewswire.com bing.com""",
    "staging copy of an outlet (cite the outlet's own page)": """
        staging.theplaylist.net dev.theplaylist.net stage.filmschoolrejects.com prod-www.tcm.com
        dev.historycollection.co mail.filmsite.org ftp.filmsite.org img1-azrcdn.newser.com""",
    "free-host fan page": """
        blogspot.com tripod.com geocities.ws oocities.org 50megs.com jimdo.com""",
    ORIGIN: " ".join(ORIGIN_HOSTS),
}
_DENIED = {host: why for why, hosts in DENIED_HOSTS.items() for host in hosts.split()}
#: An "origin" label (origin., www-origin., ajw-origin.) names the server behind a CDN.
_ORIGIN_LABEL = re.compile(r"(?:^|-)origin(?:-|$)")


def host_of(url: str) -> str:
    return (urlparse(url).hostname or "").lower().removeprefix("www.")


def denied(url: str) -> str | None:
    """Why `url` may not be cited, or None. A listed host covers its subdomains."""
    host = host_of(url)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        why = _DENIED.get(".".join(parts[i:]))
        if why:
            return why
    if any(_ORIGIN_LABEL.search(label) for label in parts[:-2]):
        return ORIGIN
    return None


def source_problems(film: dict) -> list[str]:
    """Every item cites an http(s) page; no source or second source from the deny list."""
    problems = []
    for where, item in items(film):
        for key in ("source", "second_source"):
            url = item.get(key)
            if url is None:
                if key == "source":
                    problems.append(f"{where}: no source")
                continue
            if not re.match(r"https?://[^/\s]+\.[^/\s]+", url):
                problems.append(f"{where}: {key} is not a web address: {url!r}")
            elif why := denied(url):
                problems.append(f"{where}: {key} {host_of(url)} is a {why}")
        if item.get("second_source") and item.get("second_source") == item.get("source"):
            problems.append(f"{where}: second_source repeats source")
    return problems


def old_source_problems(film: dict, entry: dict) -> list[str]:
    """No cited address that the sheet's better_sources replaces (`old` -> `new`).

    A replaced Wikipedia article is replaced only for its fact (Collateral's Viper claim), so it
    counts only on an item about that fact; any other replaced address counts everywhere.
    """
    problems = []
    for where, item in items(film):
        for key in ("source", "second_source"):
            url = item.get(key)
            for better in entry.get("better_sources", []):
                if not url or not better.get("old") or canonical(url) != canonical(better["old"]):
                    continue
                if (
                    host_of(url).endswith("wikipedia.org")
                    and overlap(better["fact"], item_text(item)) < 0.5
                ):
                    continue
                problems.append(
                    f"{where}: {key} {url} is replaced by {better['new']} ({better['fact'][:60]})"
                )
    return problems


#: Host prefixes that are the same outlet's page under another name (mail.filmsite.org).
_SAME_OUTLET = ("www.", "mail.", "ftp.", "m.", "prod-www.", "staging.", "stage.", "dev.")


def canonical(url: str) -> str:
    """An address without scheme, outlet-alias prefix or trailing slash, for comparing citations;
    an origin host's address as its public host's (`ORIGIN_HOSTS`)."""
    rest = re.sub(r"^https?://", "", url.strip()).rstrip("/")
    host, slash, path = rest.partition("/")
    if host.lower() in ORIGIN_HOSTS:  # the sheet's origin address is the public page
        rest = ORIGIN_HOSTS[host.lower()] + slash + path
    for prefix in _SAME_OUTLET:
        if rest.startswith(prefix):
            rest = rest[len(prefix) :]
    return rest


_URL = re.compile(r"https?://[^\s\"<>]+")


def _trimmed(url: str) -> str:
    """A URL found in prose, without the sentence's punctuation after it."""
    url = url.rstrip(".,;:'")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:'")
    return url


def sheet_sources(entry: dict) -> set[str]:
    """Every address the sheet gives for a film, in any field or note: what a page may cite."""
    return {_trimmed(url) for url in _URL.findall(json.dumps(entry, ensure_ascii=False))}


def unknown_source_problems(film: dict, known: set[str]) -> list[str]:
    """Every cited address is one the fact sheet gives (an outlet's own host counts as the same)."""
    known_pages = {canonical(url) for url in known}
    return [
        f"{where}: {key} {item[key]} is not in the fact sheet"
        for where, item in items(film)
        for key in ("source", "second_source")
        if item.get(key) and canonical(item[key]) not in known_pages
    ]


# --- the reader sees only the page ----------------------------------------------------------------

PROCESS_WORDS = [
    r"fact[- ]sheets?",
    r"\bour (sources?|information|info|records|data|notes|researchers?|files?)\b",
    r"\bwikipedia\b",
    r"\bwe (list|give|have listed|found|could not|couldn't|cannot|can't confirm)\b",
    r"\brevisions?\b",
    r"\binfobox\b",
    r"\bthe sheet\b",
    r"\bsource (says|gives|lists)\b",
    r"\bsources (say|give|list)\b",
    r"\bas far as (our|we)\b",
    r"\bthis (page|entry|catalogue)\b",
    r"\bunverified\b",
    r"\bnot (yet )?confirmed by\b",
    r"\bretrieved\b",
    r"\bcitation\b",
    r"\bown-knowledge\b",
    r"\bconfidence level\b",
    r"\bper the brief\b",
]
_PROCESS = re.compile("|".join(f"(?:{p})" for p in PROCESS_WORDS), re.IGNORECASE)


#: "Revision" is process talk ("an older Wikipedia revision") except about a script's rewrites.
_SCRIPT_REVISION = re.compile(
    r"\b(script|screenplay|draft|rewrite|writer)s?\b[\w\s',]{0,30}$", re.IGNORECASE
)


def process_word_problems(film: dict) -> list[str]:
    """No note about sources, sheets or revisions in any text the reader sees."""
    problems = []
    for where, text in shown_texts(film):
        for m in _PROCESS.finditer(text):
            if m.group(0).lower().startswith("revision") and _SCRIPT_REVISION.search(
                text[: m.start()]
            ):
                continue
            problems.append(f"{where}: process words {m.group(0)!r}")
    return problems


# --- spoilers -------------------------------------------------------------------------------------


def sheet_spoilers(entry: dict) -> list[tuple[str, str, str]]:
    """(label, text, question) of every fact-sheet item marked spoiler for this film."""
    out = []
    for q in entry.get("questions", []):
        if q.get("spoiler"):
            out.append((f"question {q['question']!r}", " ".join(q.get("facts", [])), q["question"]))
    for t in entry.get("trivia", []):
        if t.get("spoiler"):
            out.append((f"trivia {t['text'][:50]!r}", t["text"], ""))
    return out


def sheet_plain_texts(entry: dict) -> list[str]:
    """The film's fact-sheet texts that are not spoilers: words in them give nothing away."""
    texts = [(entry.get("premise") or {}).get("text", ""), entry["title"]]
    for crew in ("directors", "writers", "composer", "cinematographer"):
        texts += [name for name in entry.get(crew) or [] if name]
    texts += [c.get("name", "") + " " + (c.get("character") or "") for c in entry.get("cast", [])]
    texts += [f["text"] for f in entry.get("facts", [])]
    for q in entry.get("questions", []):
        if not q.get("spoiler"):
            texts += [q["question"], *q.get("facts", [])]
    texts += [t["text"] for t in entry.get("trivia", []) if not t.get("spoiler")]
    return texts


def film_frequency(sheet: list[dict]) -> Counter:
    """In how many films' fact-sheet entries each content word appears."""
    df: Counter = Counter()
    for entry in sheet:
        bag = " ".join(
            [(entry.get("premise") or {}).get("text", "")]
            + [f["text"] for f in entry.get("facts", [])]
            + [" ".join([q["question"], *q.get("facts", [])]) for q in entry.get("questions", [])]
            + [t["text"] for t in entry.get("trivia", [])]
        )
        df.update(set(content_words(bag)))
    return df


#: A spoiler item's "distinctive" words: in no plain item of its film, in at most this many films.
RARE_IN_FILMS = 3
#: A page text uses a spoiler item when it shares at least this many of its distinctive words.
#: Measured on the 41 version-1 pages and 40 rewritten ones: 2 finds 72 of the 79 items the
#: writers flagged, with no unflagged item hit; 3 finds 67.
SHARED_FOR_USE = 2


def spoiler_marks(entry: dict, df: Counter) -> list[tuple[str, set[str]]]:
    """(label, distinctive words) for each spoiler item of the film's sheet entry."""
    plain = set(content_words(" ".join(sheet_plain_texts(entry))))
    marks = []
    for label, text, asked in sheet_spoilers(entry):
        # The question's own words name the topic ("the car bomb"); the facts hold the secret.
        topic = set(content_words(asked))
        mine = {
            w
            for w in content_words(text)
            if w not in plain and w not in topic and df[w] <= RARE_IN_FILMS
        }
        marks.append((label, mine))
    return marks


def uses(text: str, mark: set[str]) -> set[str]:
    """The distinctive words of a spoiler item that `text` shares, when enough to count as use."""
    shared = set(content_words(text)) & mark
    return shared if len(shared) >= SHARED_FOR_USE else set()


#: A page question is the sheet's question when it has this share of the sheet question's words,
#: and they make more than half of its own ("Where does the name Keyser Söze come from?" is not
#: "Who is Keyser Söze?").
SAME_QUESTION = 0.75


def same_question(page_question: str, sheet_question: str) -> bool:
    """Whether a FAQ question asks what a sheet question asks ("Who is Keyser Söze?")."""
    theirs, mine = set(content_words(sheet_question)), set(content_words(page_question))
    shared = len(theirs & mine)
    return len(theirs) >= 2 and shared >= SAME_QUESTION * len(theirs) and shared > len(mine) / 2


def spoiler_problems(film: dict, entry: dict, df: Counter) -> list[str]:
    """A page item telling a sheet spoiler is flagged, and a flagged FAQ's question does not tell
    it; blurb, synopsis and complexity tell none.

    An item tells a spoiler when it asks the sheet's spoiler question, or shares at least
    SHARED_FOR_USE of the spoiler's distinctive words: words in no plain item of the film's sheet
    entry and in at most RARE_IN_FILMS films (the limp, the faxed sketch; not the hero's name).
    """
    problems = []
    marks = spoiler_marks(entry, df)
    spoiler_questions = [q["question"] for q in entry.get("questions", []) if q.get("spoiler")]
    for where, item in items(film):
        if item.get("spoiler"):
            # The question stays on screen: it may not give the secret away either.
            for label, mark in marks if "question" in item else []:
                # Marks leave out the sheet question's own words: "Who is Rollo Tomasi?" is safe.
                if shared := uses(item["question"], mark):
                    problems.append(
                        f"{where}: the question of a spoiler gives away {label}"
                        f" ({', '.join(sorted(shared))})"
                    )
                    break
            continue
        asked = [
            q
            for q in spoiler_questions
            if "question" in item and same_question(item["question"], q)
        ]
        if asked:
            problems.append(f"{where} asks the sheet's spoiler question {asked[0]!r} unflagged")
            continue
        for label, mark in marks:
            if shared := uses(item_text(item), mark):
                problems.append(
                    f"{where} tells the sheet's spoiler {label} unflagged"
                    f" ({', '.join(sorted(shared))})"
                )
                break
    for name in ("blurb", "synopsis", "complexity", "tagline"):
        for label, mark in marks:
            if shared := uses(film.get(name, ""), mark):
                problems.append(
                    f"{name} tells the sheet's spoiler {label} ({', '.join(sorted(shared))})"
                )
    return problems


# --- our words only -------------------------------------------------------------------------------


def sheet_sentences(entry: dict) -> list[str]:
    """The sheet's own sentences for one film, its questions apart: what a page must not copy."""
    texts = [f["text"] for f in entry.get("facts", [])]
    texts.append((entry.get("premise") or {}).get("text", ""))
    for q in entry.get("questions", []):
        texts += q.get("facts", [])
    texts += [t["text"] for t in entry.get("trivia", [])]
    texts += [c.get("correct", "") for c in entry.get("corrections", [])]
    texts.append((entry.get("advisories") or {}).get("evidence", ""))
    return texts


def sheet_runs(sheet: list[dict]) -> tuple[set[str], set[str]]:
    """(runs of the sheet's sentences, runs of its questions).

    A page's FAQ question may keep the sheet's question ("Is Training Day based on a true story?");
    nothing else on the page may copy either.
    """
    sentences = {run for entry in sheet for t in sheet_sentences(entry) for run in runs(t)}
    questions = {
        run for entry in sheet for q in entry.get("questions", []) for run in runs(q["question"])
    }
    return sentences, questions


def copy_problems(
    film: dict, fact_runs: set[str], question_runs: set[str], seed_runs: set[str]
) -> list[str]:
    """No run of eight words shared with the sheet's sentences or questions, or the seed page."""
    problems = []
    texts = [(w, t, False) for w, t in shown_texts(film) if not w.startswith("faq")]
    for number, item in enumerate(film.get("faq", []), 1):
        texts += [
            (f"faq {number} question", item["question"], True),
            (f"faq {number}", item["answer"], False),
        ]
    for where, text, is_question in texts:
        for run in sorted(prose_runs(text)):
            if run in fact_runs or (run in question_runs and not is_question):
                problems.append(f"{where} copies the fact sheet: {run!r}")
            elif digest(run) in seed_runs:
                problems.append(f"{where} copies the seed page: {run!r}")
    return problems


PHRASE = 5
MAX_FILMS_PER_PHRASE = 3


_VERDICT = re.compile(r"^\s*([^:.;]{1,60}):")


def verdict(complexity: str) -> str | None:
    """The short verdict a note opens with before a colon ("Easy to follow: ..."), if any."""
    m = _VERDICT.match(complexity)
    return " ".join(words(m.group(1))) if m and len(words(m.group(1))) <= 6 else None


def template_problems(film: dict, all_films: list[dict]) -> list[str]:
    """No five-word phrase or opening verdict (before a colon) in more than three films' notes."""
    others = [f for f in all_films if f.get("file", f["title"]) != film.get("file", film["title"])]
    counts: Counter = Counter()
    for other in others:
        counts.update(runs(other.get("complexity", ""), PHRASE))
    problems = [
        f"complexity shares {run!r} with {counts[run]} other films"
        for run in sorted(runs(film.get("complexity", ""), PHRASE))
        if counts[run] + 1 > MAX_FILMS_PER_PHRASE
    ]
    mine = verdict(film.get("complexity", ""))
    if mine:
        same = sum(1 for other in others if verdict(other.get("complexity", "")) == mine)
        if same + 1 > MAX_FILMS_PER_PHRASE:
            problems.append(f"complexity opens with the verdict {mine!r}: like {same} other films")
    return problems


# --- advisories and cast --------------------------------------------------------------------------


def advisory_problems(film: dict, entry: dict) -> list[str]:
    """Advisories come from the vocabulary and include every one the sheet lists."""
    ours = film.get("advisories", [])
    problems = [f"advisory {a!r} is not in the vocabulary" for a in ours if a not in ADVISORIES]
    wanted = (entry.get("advisories") or {}).get("list", [])
    problems += [f"advisory {a!r} from the sheet is missing" for a in wanted if a not in ours]
    return problems


def _name_words(text: str | None) -> set[str]:
    return set(words(text or ""))


def character_problems(film: dict, entry: dict) -> list[str]:
    """Characters only from the sheet (cast or cast_characters), filled where cast_characters gives
    one with a source (an unsourced one is the researcher's memory: it may stay blank).

    A cast_characters name that disagrees with the cast row (Se7en's "Coroner" is Dr. Santiago)
    replaces it; one that agrees (Fanning / Ray Fanning) lets either stand.
    """
    given = {c["name"]: c.get("character") for c in entry.get("cast_characters", [])}
    sourced = {
        c["name"]
        for c in entry.get("cast_characters", [])
        if c.get("source") and c.get("character")
    }
    sheet = {c["name"]: c.get("character") for c in entry.get("cast", [])}
    wrong = {
        c["says"].strip()
        for c in entry.get("corrections", [])
        if re.search(r"\bcast\b", c.get("where", "")) and c.get("says")
    }
    problems = []
    for row in film.get("cast", []):
        name, ours = row["name"], row.get("character", "")
        if name not in sheet:
            problems.append(f"cast {name}: not in the sheet's cast")
            continue
        known, better = _name_words(sheet[name]), _name_words(given.get(name))
        if better and not (known <= better or better <= known):
            allowed = [better]
        else:
            allowed = [w for w in (known, better) if w]
        if name in sourced and not ours:
            problems.append(
                f"cast {name}: character left blank; cast_characters gives {given[name]!r}"
            )
        elif ours and not any(_name_words(ours) <= option for option in allowed):
            problems.append(f"cast {name}: character {ours!r} is not the sheet's")
        elif ours and ours in wrong:
            problems.append(f"cast {name}: character {ours!r} is what a correction says is wrong")
    return problems


# --- header facts ---------------------------------------------------------------------------------

#: How each correction that names a checked field changes that check, by (title, field).
#: "unsure": the field is left out (a reason in [missing]) or listed in `unverified`;
#: "confirmed": the field is not flagged unverified; "as is": read, the sheet's value stands;
#: a set: the values the correction allows.
CORRECTED = {
    ("L.A. Takedown", "id"): "unsure",
    ("Manhunter", "runtime"): {119, 120, 124},
    ("The Insider", "budget"): "unsure",
    ("The Godfather", "release_date"): "as is",
    ("Once Upon a Time in America", "budget"): "unsure",
    ("Dog Day Afternoon", "revenue"): "unsure",
    ("Dog Day Afternoon", "budget"): "unsure",
    ("Chinatown", "revenue"): "unsure",
    ("The Usual Suspects", "release_date"): "confirmed",
    ("The Usual Suspects", "budget"): {6_000_000, 6_500_000},
    ("Inside Man", "release_date"): "as is",
    ("Fargo", "directors"): {
        ("Joel Coen",),
        ("Joel Coen", "Ethan Coen"),
        ("Ethan Coen", "Joel Coen"),
    },
}
_FIELD_OF = {
    "tmdb_id": "id", "runtime_minutes": "runtime", "runtime": "runtime",
    "box_office_worldwide_usd": "revenue", "imdb_id": "imdb_id", "directors": "directors",
    "budget": "budget", "budget_usd": "budget",
    "money_note": "budget", "revenue": "revenue", "release_date": "release_date",
    "release_note": "release_date", "mpaa_rating": "certification",
    "certification": "certification",
}  # fmt: skip
#: A correction's `where` names a checked field as "films.json revenue", "v1 budget_usd",
#: "TOML budget", "revenue field", "unverified release_date" or a bare leading "runtime".
_NAMED_FIELD = re.compile(
    r"(?:^|\b(?:v1|films\.json|TOML|unverified)\s+)(" + "|".join(_FIELD_OF) + r")\b(?!_source)"
    r"|\b(revenue|budget) field\b"
)
_DIRECTED = re.compile(r"\bwho directed\b", re.IGNORECASE)


def corrected_fields(entry: dict) -> set[str]:
    """The checked header fields the sheet's corrections name for one film."""
    found = set()
    for c in entry.get("corrections", []):
        where = c.get("where", "")
        found |= {_FIELD_OF[a or b] for a, b in _NAMED_FIELD.findall(where)}
        if _DIRECTED.search(where):
            found.add("directors")
    return found


def fact_problems(film: dict, entry: dict) -> list[str]:
    """Header facts agree with the sheet, as its corrections amend it."""
    expected = {
        "title": entry["title"], "year": entry["year"], "directors": entry["directors"],
        "runtime": entry["runtime_minutes"], "imdb_id": entry.get("imdb_id"),
        "budget": entry.get("budget_usd"), "revenue": entry.get("box_office_worldwide_usd"),
        "certification": entry.get("mpaa_rating"),
    }  # fmt: skip
    unverified = film.get("unverified", [])
    problems = []
    for name, want in expected.items():
        rule = CORRECTED.get((entry["title"], name))
        have = film.get(name)
        if isinstance(rule, set):
            if name in film and (tuple(have) if isinstance(have, list) else have) not in rule:
                problems.append(f"{name}: {have!r}, the correction allows {sorted(rule)}")
        elif rule == "unsure":
            if name in film and name not in unverified:
                problems.append(
                    f"{name}: a correction disputes {have!r}; leave it out or list it unverified"
                )
        elif name in film and have != want:
            problems.append(f"{name}: {have!r}, the sheet says {want!r}")
    if "certification" in film and not entry.get("mpaa_rating_verified"):
        if "certification" not in unverified:
            problems.append("certification: the sheet could not confirm it; list it unverified")
    if "release_date" in film:
        # The US date, which a note gives when the sheet's own date is a premiere elsewhere.
        dates = (
            entry["release_date"],
            *re.findall(r"\d{4}-\d{2}-\d{2}", entry.get("release_note") or ""),
        )
        if film["release_date"] not in dates:
            problems.append(f"release_date: {film['release_date']}, the sheet says {dates[0]}")
        if (
            CORRECTED.get((entry["title"], "release_date")) == "confirmed"
            and "release_date" in unverified
        ):
            problems.append("release_date: a correction confirms it; take it out of unverified")
    if not entry.get("tmdb_id_verified", True) and "id" not in unverified:
        problems.append("id: the sheet could not verify it; list it unverified")
    return problems
