"""Render the HTML note in headless Chromium and check what a reader would see.

    python scripts/browser_check.py [PACK] [--since DATE] [--out DIR] [--html FILE]

Needs ``chromium`` and poppler-utils (``pdfinfo``, ``pdftotext``, ``pdftohtml``),
both Debian packages: ``apt-get install -y chromium poppler-utils``. Exits 0 when
every check passes, 1 when one fails, 77 (and says why) when a tool is missing,
so CI can skip it on a machine without a browser.

What it checks, with no script in the note itself (the note has none and must
keep none): a *copy* of the note with a small checking script added is opened
at the width of an A4 page's text (718 CSS pixels: 210 mm less 2 x 10 mm) and
Chromium's ``--dump-dom`` returns what the script measured:

* every footnote link (``#fn-N``, ``#ref-N``) lands on its target: the element
  exists, is the citation (or first reference) numbered N, and is scrolled to
  the top of the window when the link is followed;
* a run of closed references (``[3][4][5]``) stays on one line;
* every ``<details>`` citation opens: once open, its cited sentence is laid out
  (has a height) and holds a ``<mark>``;
* the timeline SVG is visible: laid out, non-empty, inside the page width;
* nothing overflows the A4 text width (no element's right edge past it, no
  horizontal scrolling).

Then the note itself (with ``@page { size: A4 }`` added, as a print dialog
would choose A4) is printed to PDF: the PDF must be A4, its outline must list
the note's headings in order, its text must include the timeline's labels and
every citation number. A PNG screenshot of the first screen is written too.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html import unescape
from pathlib import Path

A4_TEXT_WIDTH = 718
"""CSS pixels across an A4 page less 10 mm margins each side (96 px per inch)."""
A4_POINTS = (595, 842)
SKIP = 77

CHECKER = """
<script>
const report = (out) => {
  const pre = document.createElement('pre');
  pre.id = 'browser-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
};
(async () => {
  const out = {links: 0, bad_links: [], details: 0, bad_details: [], broken_runs: [], overflow: [],
               svg: null, scroll_width: 0, client_width: 0};
  const wait = (ms = 10) => new Promise(r => setTimeout(r, ms));  // virtual time moves timers
  const width = document.documentElement.clientWidth;
  out.client_width = width;
  out.scroll_width = document.documentElement.scrollWidth;
  const details = [...document.querySelectorAll('details.ref')];
  // Closed, a run of references reads [3][4][5] on one line: each next one sits
  // beside the one before unless the line is full.
  for (const d of details) {
    const next = d.nextSibling;  // a node: text between two references ends the run
    if (!next || next.nodeType !== 1 || !next.matches('details.ref')) continue;
    const a = d.getBoundingClientRect(), b = next.getBoundingClientRect();
    const parent = d.parentElement, style = getComputedStyle(parent);
    const room = parent.getBoundingClientRect().right - parseFloat(style.paddingRight)
      - parseFloat(style.borderRightWidth);
    if (Math.abs(b.top - a.top) > 2 && a.right + b.width < room - 2)
      out.broken_runs.push(d.querySelector('summary').textContent + next.querySelector('summary').textContent);
  }
  // Open every citation in place, then measure.
  details.forEach(d => d.open = true);
  await wait();
  for (const d of details) {
    out.details += 1;
    const pop = d.querySelector('.pop');
    const box = pop ? pop.getBoundingClientRect() : null;
    if (!pop || !d.open || box.height <= 0 || !pop.querySelector('mark'))
      out.bad_details.push(d.querySelector('summary').textContent);
  }
  for (const el of document.querySelectorAll('main *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5)
      out.overflow.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + Math.round(box.right));
  }
  details.forEach(d => d.open = false);
  await wait();
  const svg = document.querySelector('svg.timeline');
  if (svg) {
    const box = svg.getBoundingClientRect();
    const style = getComputedStyle(svg);
    out.svg = {width: box.width, height: box.height, right: box.right,
               visible: style.display !== 'none' && style.visibility !== 'hidden',
               marks: svg.querySelectorAll('circle').length, days: svg.querySelectorAll('g').length};
  }
  // Follow every footnote link; the target must be the right element, at the top.
  for (const a of document.querySelectorAll('a[href^="#fn-"], a[href^="#ref-"]')) {
    out.links += 1;
    const id = a.getAttribute('href').slice(1);
    const target = document.getElementById(id);
    const number = id.split('-')[1];
    let ok = !!target;
    if (ok && id.startsWith('fn-')) ok = target.tagName === 'LI' && target.getAttribute('value') === number;
    if (ok && id.startsWith('ref-')) ok = target.querySelector('summary').textContent === '[' + number + ']';
    if (ok) {
      // A link in a closed <details> cannot be clicked: open it, as a reader would.
      const holder = a.closest('details');
      if (holder) holder.open = true;
      a.click();
      // Chrome throttles more than 200 navigations in 10 s: pace them (virtual time, so fast).
      await wait(60);
      const top = target.getBoundingClientRect().top;
      const atEnd = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight;
      ok = Math.abs(top) < 2 || (atEnd && top >= 0 && top < window.innerHeight);
      if (holder) holder.open = false;
    }
    if (!ok) out.bad_links.push(a.getAttribute('href') + (target ? ' top=' + Math.round(target.getBoundingClientRect().top) + ' y=' + Math.round(window.scrollY) + '/' + document.documentElement.scrollHeight : ''));
  }
  report(out);
})().catch(e => report({error: String(e)}));
</script>
"""


def run(command: list[str], timeout: int = 120) -> str:
    """Run a tool; its standard output (a failure raises with its standard error)."""
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return done.stdout


def chromium() -> list[str]:
    """The headless browser's command line (root needs --no-sandbox)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise FileNotFoundError("chromium")
    return [found, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def headings(html: str) -> list[str]:
    """The note's h1-h3 texts in order (what the PDF outline must list)."""
    found = re.findall(r"<h([1-3])[^>]*>(.*?)</h\1>", html, re.S)
    return [unescape(re.sub(r"<[^>]+>", "", text)).strip() for _, text in found]


def outline(pdf: Path) -> list[str]:
    """The PDF's outline (bookmarks) titles in order, read with poppler's pdftohtml."""
    xml = run(["pdftohtml", "-xml", "-i", "-stdout", "-q", str(pdf)])
    return [unescape(t).strip() for t in re.findall(r"<item[^>]*>(.*?)</item>", xml, re.S)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pack", nargs="?", help="pack folder (default: the shipped pack)")
    parser.add_argument(
        "--since", metavar="DATE", help="open the note with what changed since DATE"
    )
    parser.add_argument("--out", metavar="DIR", help="keep note.html, note.pdf, note.png here")
    parser.add_argument(
        "--html", metavar="FILE", help="check this HTML note instead of rendering one"
    )
    args = parser.parse_args(argv)
    missing = [t for t in ("pdfinfo", "pdftotext", "pdftohtml") if shutil.which(t) is None]
    try:
        browser = chromium()
    except FileNotFoundError:
        missing.insert(0, "chromium")
    if missing:
        print(
            f"browser check skipped: {', '.join(missing)} not installed "
            "(apt-get install -y chromium poppler-utils)"
        )
        return SKIP

    if args.html:
        html = Path(args.html).read_text(encoding="utf-8")
    else:
        from briefing.export import render
        from briefing.model import load_pack

        result = load_pack(args.pack)
        if result.pack is None:
            print("browser check: the pack does not load (run briefing validate)")
            return 1
        html = render(result.pack, "html", since=args.since)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="briefing-browser-"))
    out.mkdir(parents=True, exist_ok=True)
    note = out / "note.html"
    note.write_text(html, encoding="utf-8")
    probe = out / "probe.html"
    probe.write_text(html.replace("</body>", CHECKER + "</body>"), encoding="utf-8")
    a4 = out / "note-a4.html"
    a4.write_text(
        html.replace("</style>", "@page { size: A4; margin: 10mm; }</style>", 1), encoding="utf-8"
    )
    problems: list[str] = []

    dom = run(
        [
            *browser,
            f"--window-size={A4_TEXT_WIDTH},900",
            "--virtual-time-budget=120000",
            "--dump-dom",
            probe.as_uri(),
        ]
    )
    found = re.search(r'<pre id="browser-check">(.*?)</pre>', dom, re.S)
    if found is None:
        print("browser check: the checking script did not report (page did not run it)")
        return 1
    seen = json.loads(unescape(found.group(1)))
    if "error" in seen:
        print(f"browser check: the checking script failed: {seen['error']}")
        return 1
    footnotes = len(re.findall(r'<li id="fn-\d+"', html))
    print(
        f"footnote links followed: {seen['links']} ({footnotes} citations); "
        f"landing wrong: {len(seen['bad_links'])}"
    )
    if seen["bad_links"] or seen["links"] < 2 * footnotes:
        problems.append(f"footnote links that miss their citation: {seen['bad_links'][:10]}")
    print(
        f"<details> citations opened: {seen['details']}; not showing their sentence: "
        f"{len(seen['bad_details'])}"
    )
    if seen["bad_details"] or seen["details"] == 0:
        problems.append(f"citations that do not open: {seen['bad_details'][:10]}")
    svg = seen["svg"]
    print(f"runs of closed references broken over lines: {len(seen['broken_runs'])}")
    if seen["broken_runs"]:
        problems.append(f"footnote references not on one line: {seen['broken_runs'][:10]}")
    print(f"timeline SVG: {svg}")
    if not svg or not svg["visible"] or svg["width"] < 100 or svg["height"] < 40:
        problems.append("the timeline SVG is missing or not visible")
    print(
        f"width at {A4_TEXT_WIDTH}px: scrollWidth {seen['scroll_width']}, "
        f"elements past the edge: {len(seen['overflow'])}"
    )
    if seen["overflow"] or seen["scroll_width"] > seen["client_width"]:
        problems.append(f"overflows the A4 text width: {seen['overflow'][:10]}")

    pdf = out / "note.pdf"
    run(
        [
            *browser,
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            f"--print-to-pdf={pdf}",
            a4.as_uri(),
        ]
    )
    info = run(["pdfinfo", str(pdf)])
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    width, height = (round(float(size.group(1))), round(float(size.group(2)))) if size else (0, 0)
    print(f"PDF: {pages} pages, {width} x {height} pt")
    if (width, height) != A4_POINTS:
        problems.append(f"the PDF is not A4: {width} x {height} pt")
    wanted = headings(html)
    got = outline(pdf)
    print(f"PDF outline: {len(got)} entries; the note has {len(wanted)} headings")
    if [w for w in wanted if w not in got] or got[: len(wanted)] != wanted[: len(got)]:
        problems.append(
            f"PDF outline differs from the headings: missing {[w for w in wanted if w not in got][:5]}"
        )
    text = run(["pdftotext", "-layout", str(pdf), "-"])
    for label in ("Articles", "Meetings"):
        if label not in text:
            problems.append(f"the printed timeline lacks its '{label}' label")
    bbox = run(["pdftotext", "-bbox", str(pdf), "-"])
    past = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox) if float(x) > width + 0.5]
    print(f"PDF words past the page's right edge: {len(past)}")
    if past:
        problems.append(f"{len(past)} words printed past the page edge")

    png = out / "note.png"
    run([*browser, "--window-size=1000,1400", f"--screenshot={png}", note.as_uri()])
    print(f"files: {note}, {pdf}, {png}")
    for problem in problems:
        print(f"FAIL: {problem}")
    print("browser check: " + ("all checks passed" if not problems else f"{len(problems)} failed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
