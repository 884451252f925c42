from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from brief.errors import InputError
from brief.ingest import articles
from brief.ingest.articles import ReadResult, article_from_text, article_id, read_articles
from brief.schema import MAX_ARTICLE_CHARS, Article
from open_hooks import before_open

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# shared/ sits beside the repository, here and in CI.
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "voa-2019-2025.jsonl"

STORY = (
    "Pakistan's foreign minister said on Sunday that Islamabad would not let its soil be used "
    "in any regional conflict. He called on all parties to exercise maximum restraint. "
    "Protesters rallied in Karachi against the killing of the Iranian commander."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read_one(path: Path) -> Article:
    result = read_articles([path])
    assert result.skipped == [], result.skipped
    assert len(result.articles) == 1
    return result.articles[0]


def seed(prefix: str) -> Article:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return read_one(path)


def reasons(result: ReadResult) -> dict[str, str]:
    return {skip.path: skip.reason for skip in result.skipped}


# --------------------------------------------------------------------------- formats


def test_txt_file_is_read_into_numbered_sentences(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Pakistan urges restraint\n\n" + STORY + "\n")
    article = read_one(path)
    assert article.title == "Pakistan urges restraint"
    assert article.path == str(path)
    assert article.sentences == (
        "Pakistan's foreign minister said on Sunday that Islamabad would not let its soil be "
        "used in any regional conflict.",
        "He called on all parties to exercise maximum restraint.",
        "Protesters rallied in Karachi against the killing of the Iranian commander.",
    )
    assert article.sentence(1) == article.sentences[0]
    assert article.sentence(3).startswith("Protesters rallied")
    assert article.date is None and article.date_basis is None


def test_markdown_front_matter_gives_title_date_source_and_url(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "---\ntitle: Pakistan urges restraint | Example News\ndate: 2020-01-05\n"
        "source: Example News\nurl: https://example.com/a\n---\n\n" + STORY + "\n",
    )
    article = read_one(path)
    assert article.title == "Pakistan urges restraint"
    assert article.date == dt.date(2020, 1, 5)
    assert article.date_basis == "metadata"
    assert article.date_evidence == "date: 2020-01-05"
    assert article.outlet == "Example News"
    assert article.url == "https://example.com/a"
    assert len(article.sentences) == 3


def test_markdown_without_front_matter_takes_the_heading_as_title(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "# Pakistan urges **restraint**\n\nSee the [statement](https://x.org) below.\n\n"
        + STORY
        + "\n",
    )
    article = read_one(path)
    assert article.title == "Pakistan urges restraint"
    assert article.sentence(1) == "See the statement below."
    assert "#" not in article.text and "https://x.org" not in article.text
    assert article.date is None


def test_markdown_hard_wrapped_lines_are_joined_into_sentences(tmp_path: Path) -> None:
    body = (
        "Pakistan's foreign minister said on Sunday that Islamabad would not\n"
        "let its soil be used in any regional conflict, and he called on all\n"
        "parties to exercise maximum restraint in the days ahead.\n"
        "Protesters rallied in Karachi against the killing of the commander.\n"
    )
    article = read_one(write(tmp_path / "a.md", "# Restraint\n\n" + body))
    assert article.sentences == (
        "Pakistan's foreign minister said on Sunday that Islamabad would not let its soil be "
        "used in any regional conflict, and he called on all parties to exercise maximum "
        "restraint in the days ahead.",
        "Protesters rallied in Karachi against the killing of the commander.",
    )


def test_markdown_with_bad_yaml_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: [unclosed\n---\n" + STORY)
    result = read_articles([path])
    assert result.articles == []
    assert reasons(result)[str(path)].startswith("bad YAML front matter:")


def test_json_object(tmp_path: Path) -> None:
    record = {
        "title": "Pakistan urges restraint",
        "published": "2020-01-05 10:00:00Z",
        "url": "https://example.com/a",
        "source": "Example News",
        "text": STORY,
    }
    path = write(tmp_path / "a.json", json.dumps(record))
    article = read_one(path)
    assert article.path == str(path)
    assert article.title == "Pakistan urges restraint"
    assert article.date == dt.date(2020, 1, 5)
    assert article.date_evidence == "published: 2020-01-05 10:00:00Z"
    assert article.outlet == "Example News"
    assert article.url == "https://example.com/a"


def test_json_list_numbers_records_from_one(tmp_path: Path) -> None:
    records = [
        {"title": "First", "body": STORY},
        {"title": "Second", "content": "Iran said it would respond. Talks were planned."},
        {"title": "No text here"},
    ]
    path = write(tmp_path / "list.json", json.dumps(records))
    result = read_articles([path])
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#2"]
    assert [a.title for a in result.articles] == ["First", "Second"]
    assert reasons(result) == {f"{path}#3": "no 'text' field: not an article"}


def test_jsonl_bad_line_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "text": STORY, "date": "2020-01-05"}),
        '{"title": "Two", "text": "broken',
        json.dumps({"title": "Three", "text": "Iran said it would respond. Talks were planned."}),
    ]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    result = read_articles([path])
    assert [a.path for a in result.articles] == [f"{path}#1", f"{path}#3"]
    assert result.articles[0].date == dt.date(2020, 1, 5)
    assert list(reasons(result)) == [f"{path}#2"]
    assert reasons(result)[f"{path}#2"].startswith("invalid JSON line:")


def test_html_keeps_the_story_and_drops_script_nav_and_footer(tmp_path: Path) -> None:
    html = f"""<html><head><title>Pakistan urges restraint | Example News</title>
    <meta property="article:published_time" content="2020-01-05T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a> NAVIGATION_MENU</nav>
    <script>var tracking = "SCRIPT_TEXT";</script>
    <article><h1>Pakistan urges restraint</h1>
    <p>{STORY}</p>
    <p>Pakistan has the biggest Shiite population after Iran and may face turbulence.</p>
    </article>
    <footer>Copyright 2020 Example News. FOOTER_TEXT</footer></body></html>"""
    article = read_one(write(tmp_path / "a.html", html))
    assert article.title == "Pakistan urges restraint"
    assert article.sentence(1).startswith("Pakistan's foreign minister said on Sunday")
    assert article.sentences[-1].startswith("Pakistan has the biggest Shiite population")
    for junk in ("NAVIGATION_MENU", "SCRIPT_TEXT", "FOOTER_TEXT"):
        assert junk not in article.text
    assert article.date == dt.date(2020, 1, 5)
    assert article.date_basis == "metadata"


def test_html_without_a_story_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.htm", "<html><head><script>x()</script></head><body></body></html>")
    result = read_articles([path])
    assert result.articles == []
    assert reasons(result) == {
        str(path): "no article text found in the HTML (a menu or script only)"
    }


# -------------------------------------------------------------------------- cleaning


def test_seed_001_loses_its_read_also_lines() -> None:
    article = seed("001")
    assert "Read Also" not in article.text
    assert "Six injured in rockets attack in Baghdad" not in article.text
    assert not any("Read Also" in sentence for sentence in article.sentences)
    # The story around them is still there.
    assert any(s.startswith("He called on all parties concerned") for s in article.sentences)


def test_seed_002_keeps_a_repeated_headline_line_once() -> None:
    article = seed("002")
    line = "Pakistan says it is ready to work with Iran on 'all issues'"
    assert article.text.count(line) == 1
    assert line in article.sentences
    assert "Follow us" not in article.text and "telegram" not in article.text


def test_seed_titles() -> None:
    assert seed("002").title == (
        "Iran-Pakistan: Two foreign ministers meet, Pak says ready to work with Iran on "
        "'all issues'"
    )
    seed_004 = seed("004")
    assert seed_004.title == "Iranian FM Holds Talks in Pakistan on Tehran’s Tensions With US"
    # The headline (printed twice) and the date lines are not body sentences.
    assert seed_004.sentence(1).startswith("Iranian Foreign Minister Mohammad Javad Zarif met")
    assert "Humane Club" not in seed_004.text and "Published May" not in seed_004.text


def test_seed_000_gets_its_title_from_the_first_sentence_which_stays_sentence_1() -> None:
    article = seed("000")
    assert article.title.endswith("…")
    assert len(article.title) <= 101
    assert article.title.startswith("Following the escalation in tensions between the United")
    assert article.sentence(1).startswith(article.title[:-1])
    assert article.sentence(1).endswith("Radio Pakistan reported on Friday.")


def test_seed_003_loses_the_date_glued_to_its_first_sentence() -> None:
    article = seed("003")
    assert article.sentence(1).startswith("ISLAMABAD: Pakistan in its first contact with Russia")
    assert article.date == dt.date(2022, 3, 6)
    assert article.date_basis == "text"
    assert article.date_evidence == "date 2022-03-06"


@pytest.mark.parametrize(
    "line",
    [
        "Read Also: Six injured in rockets attack in Baghdad",
        "Read more: Iran vows revenge",
        "Also read | Trump threatens sanctions",
        "Follow us on: Facebook, Twitter, Google News, Instagram",
        "Join our official telegram channel (@nationalherald) and stay updated",
        "Join our WhatsApp channel for the latest news",
        "Subscribe to our newsletter",
        "Click here to read the full statement",
        "Advertisement",
        "Made with Humane Club",
        "First Published by VOA News",
        "Additional reporting by Naveed Siddiqui",
    ],
)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    article = article_from_text(f"Restraint urged\n\n{STORY}\n{line}\nTalks are planned.", "x")
    assert line not in article.text
    assert article.sentences[-1] == "Talks are planned."


def test_whitespace_is_collapsed_and_paragraphs_kept() -> None:
    article = article_from_text(
        "Restraint   urged\n\nIran  said\tit would\u00a0respond.\n\n\n\nTalks were planned.", "x"
    )
    assert article.text == "Iran said it would respond.\n\nTalks were planned."


def test_a_heading_line_does_not_glue_to_the_next_sentence() -> None:
    text = f"Restraint urged\n\n{STORY}\nFears of escalation\nThe strikes stoked tensions."
    article = article_from_text(text, "x")
    assert "Fears of escalation" in article.sentences
    assert "The strikes stoked tensions." in article.sentences


def test_abbreviations_and_long_paragraphs_split_correctly() -> None:
    paragraph = " ".join(
        f"In round {n}, U.S. President Donald Trump spoke with Gen. Bajwa at 3.5 p.m. local "
        f"time. Officials said talks went well."
        for n in range(200)
    )
    assert len(paragraph) > 10_000
    article = article_from_text(paragraph, "x")
    assert len(article.sentences) == 400
    assert article.sentence(1) == (
        "In round 0, U.S. President Donald Trump spoke with Gen. Bajwa at 3.5 p.m. local time."
    )
    assert article.sentence(400) == "Officials said talks went well."


def test_a_quotation_is_kept_whole() -> None:
    text = 'Khar said: "Iran did a wrong thing. Pakistan had few options." Talks went on.'
    article = article_from_text(text, "x")
    assert article.sentences[-1] == "Talks went on."
    assert article.sentences[0].endswith('Pakistan had few options."')


def test_article_from_text_without_story_raises_input_error() -> None:
    with pytest.raises(InputError) as caught:
        article_from_text("Advertisement\nFollow us on Twitter\n", "x.txt")
    assert caught.value.source == "x.txt"
    assert "no article text" in caught.value.reason


# ---------------------------------------------------------------------- ids and dedupe


def test_article_id_is_a_stable_content_hash() -> None:
    first = article_from_text(STORY, "a.txt")
    assert first.id == article_from_text(STORY, "b.txt").id
    assert first.id == article_id(STORY)
    assert len(first.id) == 16 and int(first.id, 16) >= 0
    assert article_id(STORY.upper().replace(" ", "  ")) == first.id
    assert article_from_text(STORY + " One more.", "c.txt").id != first.id


def test_same_story_in_two_files_is_read_once_and_listed_as_duplicate(tmp_path: Path) -> None:
    txt = write(tmp_path / "a.txt", "Pakistan urges restraint\n\n" + STORY)
    md = write(tmp_path / "b.md", "---\ntitle: Pakistan urges restraint\n---\n" + STORY)
    result = read_articles([tmp_path])
    assert [a.path for a in result.articles] == [str(txt)]
    assert result.duplicates == [(str(md), str(txt))]
    assert result.skipped == []


def test_the_same_file_named_twice_is_read_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", STORY)
    result = read_articles([path, tmp_path, str(path)])
    assert len(result.articles) == 1
    assert result.skipped == []


# ------------------------------------------------------------------------ real inputs


def test_reading_the_seeds_folder() -> None:
    result = read_articles([SEEDS])
    assert result.skipped == [] and result.duplicates == []
    assert len(result.articles) == 5
    assert [Path(a.path).name[:3] for a in result.articles] == ["000", "001", "002", "003", "004"]
    dates = {Path(a.path).name[:3]: a.date for a in result.articles}
    assert dates == {
        "000": None,
        "001": None,
        "002": None,
        "003": dt.date(2022, 3, 6),
        "004": dt.date(2019, 5, 25),
    }
    assert result.articles[4].date_evidence == "Published May 25, 2019"
    assert len({a.id for a in result.articles}) == 5


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_reading_the_voa_corpus() -> None:
    result = read_articles([CORPUS])
    assert result.skipped == []
    assert len(result.articles) == 76
    assert all(a.date_basis == "metadata" and a.date is not None for a in result.articles)
    first = result.articles[0]
    assert first.path == f"{CORPUS}#1"
    assert first.title == "Iraq says key Islamic State leader is dead"
    assert first.date == dt.date(2025, 3, 14)
    assert first.date_evidence == "published: 2025-03-14 20:30:26Z"
    assert first.sentence(1).startswith("One of the Islamic State terror group's most senior")
    # No sentence runs on for pages: pysbd's stray-quote failure would show up here.
    assert max(len(s) for a in result.articles for s in a.sentences) < 800


# ------------------------------------------------------------------------- bad input


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.md", "  \n\t\n ")
    result = read_articles([empty, blank])
    assert result.articles == []
    assert reasons(result) == {str(empty): "empty file", str(blank): "empty file"}


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = read_articles([path])
    assert reasons(result) == {str(path): "binary file, not text"}


def test_cp1252_bytes_are_decoded(tmp_path: Path) -> None:
    text = "Qureshi said: \u201cWe want peace.\u201d The caf\u00e9 closed \u2013 briefly."
    path = write(tmp_path / "old.txt", text.encode("cp1252"))
    article = read_one(path)
    assert article.text == text


def test_latin1_only_bytes_are_decoded(tmp_path: Path) -> None:
    # 0x81 is undefined in cp1252, so only latin-1 can read this file.
    path = write(tmp_path / "old.txt", b"Talks in K\xf6ln went well.\x81 Pakistan agreed.")
    article = read_one(path)
    assert "Köln" in article.text


def test_undecodable_noise_is_skipped(tmp_path: Path) -> None:
    noise = bytes(b for b in range(1, 256) if b != 0x0A) * 40
    path = write(tmp_path / "noise.txt", noise)
    result = read_articles([path])
    assert result.articles == []
    assert reasons(result)[str(path)].startswith("not readable text")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    article = read_one(write(tmp_path / "bom.txt", "\ufeff" + STORY))
    assert article.sentence(1).startswith("Pakistan's foreign minister")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf", b"%PDF-1.4")
    result = read_articles([path])
    assert reasons(result) == {
        str(path): "unsupported file type '.pdf' (use .txt, .md, .json, .jsonl, .html or .parquet)"
    }


def test_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    write(folder / ".hidden.txt", STORY)
    result = read_articles([folder])
    assert result.articles == []
    assert reasons(result) == {str(folder): "folder holds no readable articles"}


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    good = write(tmp_path / "good.txt", STORY)
    result = read_articles([missing, good])
    assert reasons(result) == {str(missing): "no such file or folder"}
    assert len(result.articles) == 1


@pytest.mark.parametrize(
    "content",
    ['{"title": "No text", "url": "https://x"}', "42", '"just a string"', "null"],
)
def test_json_that_is_not_an_article(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "data.json", content)
    result = read_articles([path])
    assert reasons(result) == {str(path): "no 'text' field: not an article"}


def test_json_list_of_non_articles_gets_one_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "numbers.json", "[1, 2, 3]")
    result = read_articles([path])
    assert list(reasons(result)) == [str(path)]
    assert "no 'text' field" in reasons(result)[str(path)]


def test_invalid_json(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", '{"text": ')
    result = read_articles([path])
    assert reasons(result)[str(path)].startswith("invalid JSON:")


def test_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sub" / "a.txt", STORY)
    os.symlink(root, root / "sub" / "loop")
    os.symlink("self.txt", root / "self.txt")  # a link to itself
    result = read_articles([root])
    assert [a.path for a in result.articles] == [str(root / "sub" / "a.txt")]
    assert str(root / "sub" / "loop") in reasons(result)
    assert reasons(result)[str(root / "self.txt")] == "broken or looping symbolic link"


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing-target.txt", link)
    write(tmp_path / "folder" / "ok.txt", STORY)
    os.symlink(tmp_path / "missing-target.txt", tmp_path / "folder" / "gone.txt")
    result = read_articles([link, tmp_path / "folder"])
    assert reasons(result) == {
        str(link): "broken symbolic link (its target does not exist)",
        str(tmp_path / "folder" / "gone.txt"): "broken or looping symbolic link",
    }
    assert len(result.articles) == 1


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = write(tmp_path / "locked.txt", STORY)
    write(tmp_path / "open.txt", "Iran said it would respond. Talks were planned.")

    def locked_hook(path: Path) -> None:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))

    before_open(monkeypatch, locked_hook)
    result = read_articles([tmp_path])
    assert reasons(result) == {str(locked): "cannot read: Permission denied"}
    assert [a.path for a in result.articles] == [str(tmp_path / "open.txt")]


def test_file_that_disappears_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", STORY)

    def vanishing_hook(path: Path) -> None:
        if path.name == "a.txt":
            raise FileNotFoundError(2, "No such file or directory", str(path))

    before_open(monkeypatch, vanishing_hook)
    result = read_articles([tmp_path])
    assert reasons(result)[str(path)] == "file disappeared before it could be read"


def test_too_large_file_is_skipped_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(articles.MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    result = read_articles([path])
    assert reasons(result)[str(path)].startswith("too large (21.0 MB")


def test_hidden_files_and_folders_are_left_out(tmp_path: Path) -> None:
    write(tmp_path / ".git" / "a.txt", STORY)
    write(tmp_path / ".notes.txt", STORY)
    visible = write(tmp_path / "b" / "c.txt", STORY)
    result = read_articles([tmp_path])
    assert [a.path for a in result.articles] == [str(visible)]


def test_folder_files_come_sorted_by_path(tmp_path: Path) -> None:
    names = ["b.txt", "a/z.txt", "a/b.txt", "c.json"]
    for number, name in enumerate(names):
        write(tmp_path / name, f"Story {number} said Iran met Pakistan. It was talk {number}.")
    result = read_articles([tmp_path])
    assert [Path(a.path).relative_to(tmp_path).as_posix() for a in result.articles] == [
        "a/b.txt",
        "a/z.txt",
        "b.txt",
    ]
    assert list(reasons(result)) == [str(tmp_path / "c.json")]  # plain text is not JSON
    assert reasons(result)[str(tmp_path / "c.json")].startswith("invalid JSON:")


def test_ten_thousand_tiny_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(10_000):
        (folder / f"{number:05d}.txt").write_text(
            f"Story {number} says Pakistan met Iran on Friday. It was talk number {number}.\n"
        )
    started = time.perf_counter()
    result = read_articles([folder])
    elapsed = time.perf_counter() - started
    assert len(result.articles) == 10_000 and result.skipped == []
    assert result.articles[0].path == str(folder / "00000.txt")
    assert result.articles[-1].sentence(2) == "It was talk number 9999."
    assert elapsed < 30, f"10,000 tiny files took {elapsed:.1f}s"


def test_five_megabyte_article(tmp_path: Path) -> None:
    seed_paragraphs = [
        line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text().splitlines()
    ]
    seed_paragraphs = [line for line in seed_paragraphs if len(line) > 200]
    paragraphs: list[str] = []
    size = 0
    while size < 5_000_000:
        # Numbered so no two paragraphs are the same text.
        paragraph = (
            f"In report {len(paragraphs)}, "
            + seed_paragraphs[len(paragraphs) % len(seed_paragraphs)]
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    path = write(tmp_path / "big.txt", "Big story\n\n" + "\n\n".join(paragraphs))
    assert path.stat().st_size > 5_000_000
    article = read_one(path)
    assert article.title == "Big story"
    # No more is cleaned, split and parsed than can be sent; the article says what it was.
    assert MAX_ARTICLE_CHARS - 2_000 < len(article.text) <= MAX_ARTICLE_CHARS
    assert article.full_chars is not None and article.full_chars > 5_000_000
    assert article.sentence(1).startswith("In report 0, ")
    last_word = article.text.split()[-1]
    assert f"{last_word} " in path.read_text()  # cut between words, never inside one
    small = read_one(write(tmp_path / "small.txt", "Small story\n\n" + paragraphs[0]))
    assert small.full_chars is None


@pytest.mark.parametrize(
    ("paragraph", "sentences"),
    [
        (
            "Towson said. Government involvement In 2017, China released an AI plan.",
            ("Towson said.", "In 2017, China released an AI plan."),
        ),
        (
            "The escape The prison break began around midday at the prison.",
            ("The prison break began around midday at the prison.",),
        ),
        # Sentences that only look like it: a verb, or a preposition before a name.
        (
            "Trump also attacked The Wall Street Journal newspaper for its views.",
            ("Trump also attacked The Wall Street Journal newspaper for its views.",),
        ),
        (
            "The case went before The Hague-based court in 2019.",
            ("The case went before The Hague-based court in 2019.",),
        ),
    ],
)
def test_a_heading_that_lost_its_line_break_is_not_part_of_a_sentence(
    paragraph: str, sentences: tuple[str, ...]
) -> None:
    from brief.ingest.sentences import split_sentences

    assert split_sentences([paragraph]) == sentences
