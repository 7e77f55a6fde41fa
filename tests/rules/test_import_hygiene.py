"""The core must stay importable without any UI library (harlequin's rule)."""

from __future__ import annotations

import json
import os

from support import fresh_python


def test_model_and_export_never_import_textual_or_rich() -> None:
    code = (
        "import sys, json\n"
        "import briefing.model, briefing.model.io.load, briefing.model.anchoring.anchor, briefing.model.text\n"
        "import briefing.export, briefing.export.jsonout, briefing.model.io.safewrite\n"
        "import pkgutil, importlib\n"
        "for pkg in ('briefing.model', 'briefing.export'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "from briefing.model import load_pack\n"
        "from briefing.export import render\n"
        "render(load_pack().pack, 'json')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    out = fresh_python(code)
    assert out.strip() == "[]", out


def test_cli_validate_does_not_import_the_ui() -> None:
    code = (
        "import sys\nfrom briefing.cli import main\n"
        "code = main(['validate'])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    out = fresh_python(code)
    assert out.strip().splitlines()[-1] == "[]"


def test_the_reader_starts_without_the_loader_analysis_or_views() -> None:
    """The first frame needs only the reader's panes: the rest loads in the worker or on use.

    Importing them at start-up made the first frame 1.3-1.8x a bare Textual app's;
    this keeps a stray module-level import from quietly bringing that back. The
    screens and widgets the start may import are listed (a new view is left out
    until it opens), and so are the Textual widgets only views and dialogs use.
    """
    code = (
        "import sys, json\n"
        "from briefing.tui.app import BriefingApp\n"
        "BriefingApp(None)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = fresh_python(code)
    modules = json.loads(out.strip().splitlines()[-1])
    assert "briefing.tui.screens.main" in modules  # the check sees the start's imports
    forbidden = (
        "yaml",
        "rapidfuzz",
        "tomllib",
        "briefing.model.analysis",
        "briefing.model.io.load",
        "briefing.model.names.search",
        "briefing.model.names.actor_mentions",
        "briefing.export",
        # Textual widgets that only views and dialogs use (the bare app's set is imported anyway).
        "textual.widgets._data_table",
        "textual.widgets._radio_set",
        "textual.widgets._radio_button",
        "textual.widgets._checkbox",
        "textual.widgets._text_area",
    )
    start_ui = {
        "briefing.tui.screens.main",
        "briefing.tui.screens.main_keys",
        "briefing.tui.screens.too_small",
        "briefing.tui.widgets.article",
        "briefing.tui.widgets.detail",
        "briefing.tui.widgets.key_bar",
        "briefing.tui.widgets.navigator",
        "briefing.tui.widgets.reading_notice",
        "briefing.tui.widgets.source_view",
    }
    extra = [
        name
        for name in modules
        if name in forbidden
        or name.startswith(tuple(f"{prefix}." for prefix in forbidden))
        or (
            name.startswith(("briefing.tui.screens.", "briefing.tui.widgets."))
            and name not in start_ui
        )
    ]
    assert extra == [], extra


def test_a_load_cache_hit_imports_none_of_the_full_reader(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Most reader starts are cache hits: they must not pay for the YAML read, checks and anchoring.

    Those imports (PyYAML, rapidfuzz, the schema, anchoring, the analysis the checks use)
    cost ~70-100 ms, more than the hit itself on a small pack.
    """
    code = (
        "import sys, json\n"
        "from briefing.model.io import load_pack\n"
        "result = load_pack(None, cache=True)\n"
        "assert result.pack is not None\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'rapidfuzz') "
        "or m.startswith(('briefing.model.io.building', 'briefing.model.anchoring', "
        "'briefing.model.io.yaml_text.read', 'briefing.model.io.schema')))))\n"
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path), "BRIEFING_NO_CACHE": ""}
    first = fresh_python(code, env)  # a miss: the full read, which stores the entry
    assert first.strip().splitlines()[-1] != "[]"  # the check can see the full read
    second = fresh_python(code, env)
    assert second.strip().splitlines()[-1] == "[]", second


def test_a_load_cache_hit_compiles_no_sentence_pattern(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The sentence patterns are compiled when a sentence is first split, never at import.

    The reader imports the text module before its first frame, and a cache hit splits
    no sentence: compiling the boundary pattern there was ~1-2 ms of every start.
    """
    code = (
        "from briefing.model import text\n"
        "from briefing.model.io import load_pack\n"
        "assert text.pattern.cache_info().currsize == 0\n"
        "assert load_pack(None, cache=True).pack is not None\n"
        "print(text.pattern.cache_info().currsize)\n"
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path), "BRIEFING_NO_CACHE": ""}
    first = fresh_python(code, env)  # a miss: the articles are split into sentences
    assert int(first.split()[-1]) > 0  # the check sees a compiled pattern
    second = fresh_python(code, env)
    assert int(second.split()[-1]) == 0, second
