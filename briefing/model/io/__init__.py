"""Reading a pack from disk: paths, YAML (read, write), the schema, building records, the load cache.

Every pack file is opened by ``files.py`` (regular file, inside the pack, size and budget checked
before a byte is read); nothing above this package reads pack bytes itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model.lazy import lazy_exports

if TYPE_CHECKING:
    from briefing.model.io.building.walker import fields_of, text
    from briefing.model.io.cache import FORMAT, cache_dir
    from briefing.model.io.cache_codec import Encoder, decode, dumps
    from briefing.model.io.files import (
        Budget,
        Refused,
        article_text,
        read_article,
        read_file,
        read_yaml_file,
        yaml_files,
    )
    from briefing.model.io.load import LoadResult, load_pack
    from briefing.model.io.note_log import LAST, last_note_date, record_note, since_date
    from briefing.model.io.paths import (
        default_pack_path,
        display,
        example_story_path,
        resolve_pack_root,
    )
    from briefing.model.io.rebuild.cache_lines import Decoder
    from briefing.model.io.safewrite import WriteRefused, replace_bytes, write_atomic
    from briefing.model.io.yaml_text.nodes import YMap, YNode, YScalar, YSeq, has_forbidden
    from briefing.model.io.yaml_text.pure import PureParser
    from briefing.model.io.yaml_text.read import read_yaml
    from briefing.model.io.yaml_text.write import comment, flow_list, quoted, scalar

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "Budget": "files",
        "Decoder": "rebuild.cache_lines",
        "Encoder": "cache_codec",
        "FORMAT": "cache",
        "LoadResult": "load",
        "PureParser": "yaml_text.pure",
        "Refused": "files",
        "WriteRefused": "safewrite",
        "YMap": "yaml_text.nodes",
        "YNode": "yaml_text.nodes",
        "YScalar": "yaml_text.nodes",
        "YSeq": "yaml_text.nodes",
        "article_text": "files",
        "cache_dir": "cache",
        "comment": "yaml_text.write",
        "decode": "cache_codec",
        "default_pack_path": "paths",
        "display": "paths",
        "dumps": "cache_codec",
        "example_story_path": "paths",
        "fields_of": "building.walker",
        "flow_list": "yaml_text.write",
        "has_forbidden": "yaml_text.nodes",
        "LAST": "note_log",
        "last_note_date": "note_log",
        "since_date": "note_log",
        "load_pack": "load",
        "quoted": "yaml_text.write",
        "read_article": "files",
        "read_file": "files",
        "read_yaml": "yaml_text.read",
        "read_yaml_file": "files",
        "record_note": "note_log",
        "replace_bytes": "safewrite",
        "resolve_pack_root": "paths",
        "scalar": "yaml_text.write",
        "text": "building.walker",
        "write_atomic": "safewrite",
        "yaml_files": "files",
    },
)

__all__ = [
    "FORMAT",
    "LAST",
    "Budget",
    "Decoder",
    "Encoder",
    "LoadResult",
    "PureParser",
    "Refused",
    "WriteRefused",
    "YMap",
    "YNode",
    "YScalar",
    "YSeq",
    "article_text",
    "cache_dir",
    "comment",
    "decode",
    "default_pack_path",
    "display",
    "dumps",
    "example_story_path",
    "fields_of",
    "flow_list",
    "has_forbidden",
    "last_note_date",
    "load_pack",
    "quoted",
    "read_article",
    "read_file",
    "read_yaml",
    "read_yaml_file",
    "record_note",
    "replace_bytes",
    "resolve_pack_root",
    "scalar",
    "since_date",
    "text",
    "write_atomic",
    "yaml_files",
]
