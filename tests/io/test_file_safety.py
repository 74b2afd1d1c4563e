"""Reading: only regular files, capped reads, a GML limit that holds, and messages in words."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stamnett_gui.io.errors import FindingCode, NetworkFileError
from stamnett_gui.io.geojson.network import read_network
from stamnett_gui.io.gml.syntax import count_elements, parse_gml
from stamnett_gui.io.gml.zoo import parse_zoo_gml
from stamnett_gui.io.limits import ImportLimits, read_bytes_limited
from stamnett_gui.io.loading import detect_format, import_network
from stamnett_gui.io.saving import save_network

FIXTURES = Path(__file__).parents[1] / "fixtures"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev are POSIX")


def finishes(call: Callable[[], Any], seconds: float = 10.0) -> BaseException | None:
    """Run ``call`` on a thread; fail if it is still running after ``seconds``, return what it raised."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            call()
        except BaseException as error:  # handed back to the test
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the call was still waiting: it hangs"
    return raised[0] if raised else None


# --- only regular files ------------------------------------------------------------------------


@posix_only
@pytest.mark.parametrize("read", [import_network, read_network, detect_format])
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path, read):
    pipe = tmp_path / "p.geojson"
    os.mkfifo(pipe)
    error = finishes(lambda: read(pipe))
    assert isinstance(error, NetworkFileError)
    assert str(error) == f"{pipe}: this is a named pipe (FIFO), not a file; open a network file saved on disk"


@posix_only
def test_a_device_behind_a_symbolic_link_is_refused_before_reading(tmp_path):
    link = tmp_path / "net.geojson"
    link.symlink_to("/dev/zero")
    for read in (import_network, read_network):
        error = finishes(lambda read=read: read(link), seconds=5)
        assert isinstance(error, NetworkFileError)
        assert "this is a device, not a file" in str(error)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_what_is_read_is_capped_even_when_the_size_on_disk_says_nothing():
    # /proc files say they are 0 bytes long; the read itself must stop at the limit.
    assert Path("/proc/self/status").stat().st_size == 0
    with pytest.raises(NetworkFileError) as caught:
        read_bytes_limited("/proc/self/status", ImportLimits(max_bytes=10))
    assert caught.value.code is FindingCode.TOO_LARGE


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("id,name\n" + "a,b\n" * 100)
    with pytest.raises(NetworkFileError, match=r"the file is 408 bytes, more than the limit of 100 bytes"):
        import_network(big, limits=ImportLimits(max_bytes=100))


# --- the GML feature limit holds while reading ---------------------------------------------------


def _gml(nodes: int, tail: str = "") -> str:
    body = "".join(f'  node [ id {i} label "node [ {i}" ]\n' for i in range(nodes))
    return f"graph [\n{body}{tail}]\n"


def test_gml_over_the_feature_limit_is_refused_before_parsing():
    with pytest.raises(NetworkFileError) as caught:
        parse_zoo_gml(_gml(150), "big.gml", limits=ImportLimits(max_features=100))
    assert caught.value.code is FindingCode.TOO_MANY


def test_the_gml_parser_stops_at_the_limit_as_it_reads():
    # Past the limit the file is broken: a parser that read on would report the break.
    text = _gml(150, tail="  ] ] ] this is not GML\n")
    with pytest.raises(NetworkFileError) as caught:
        parse_gml(text, "big.gml", ImportLimits(max_features=100))
    assert caught.value.code is FindingCode.TOO_MANY


def test_the_fast_count_skips_strings_and_comments_and_counts_edges():
    text = _gml(3) + '# node [ in a comment\ngraph [ edge [ source 0 target 1 ] edge[ ] ]\n'
    assert count_elements(text) == 5
    assert count_elements('graph [ label "edge [" nodes 3 ]') == 0


def test_a_gml_within_the_limit_still_reads():
    result = parse_zoo_gml(_gml(3), "small.gml", limits=ImportLimits(max_features=3))
    assert [s.name for s in result.network.sites] == ["node [ 0", "node [ 1", "node [ 2"]


# --- messages in words ---------------------------------------------------------------------------

FORMATS = ["net.geojson", "net.json", "net.graphml", "net.gml", "net.csv"]


@pytest.mark.parametrize("name", FORMATS)
def test_an_empty_file_says_it_is_empty(tmp_path, name):
    for content in (b"", b" \r\n\t\n", "\ufeff\n".encode()):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(NetworkFileError) as caught:
            import_network(path)
        assert str(caught.value) == f"{path}: the file is empty"


@pytest.mark.parametrize("name", [*FORMATS, "net.dat"])
def test_a_binary_file_says_it_is_not_text_and_shows_no_bytes(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(NetworkFileError) as caught:
        import_network(path)
    message = str(caught.value)
    assert message == (f"{path}: the file is not text: it holds binary data (an image, an archive "
                       "or a program?); a network file is text: GeoJSON, GraphML, GML or CSV")
    assert message.isprintable()


def test_random_bytes_without_nul_are_binary_too(tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(b for b in range(1, 256) if b not in b"\n\r") * 40)
    with pytest.raises(NetworkFileError, match="the file is not text"):
        import_network(path)


def test_utf16_text_with_a_byte_order_mark_is_text(tmp_path):
    path = tmp_path / "steder.csv"
    path.write_text("id;navn;lat;lon\nA;Tromsø;69.68;18.97\n", encoding="utf-16")
    assert import_network(path).network.site("A").name == "Tromsø"


@pytest.mark.parametrize("name", ["net.geojson", "gis.json"])
def test_a_truncated_json_says_so_in_a_sentence(tmp_path, name):
    whole = (FIXTURES / "small-network.geojson" if name == "net.geojson"
             else FIXTURES / "geojson" / "gis-export.geojson").read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(whole[: len(whole) // 2], encoding="utf-8")
    with pytest.raises(NetworkFileError) as caught:
        import_network(path)
    assert str(caught.value).endswith(
        ": the file ends before its JSON is complete: it was probably cut short by an "
        "interrupted download or copy")


# --- GML labels survive GML -> GraphML -----------------------------------------------------------


@pytest.mark.parametrize("name", ["Geant2012", "Nordu2010"])
def test_gml_labels_and_network_metadata_survive_conversion_to_graphml(tmp_path, name):
    original = import_network(FIXTURES / "topologies" / f"{name}.gml").network
    (written,) = save_network(original, tmp_path / f"{name}.graphml")
    again = import_network(written).network
    assert [s.properties["label"] for s in again.sites] == [s.properties["label"]
                                                             for s in original.sites]
    assert [s.name for s in again.sites] == [s.name for s in original.sites]
    assert [dict(lk.properties) for lk in again.links] == [dict(lk.properties)
                                                            for lk in original.links]
    assert dict(again.metadata) == dict(original.metadata)
    assert again.metadata["label"] == name


def test_a_property_named_like_a_field_never_replaces_the_field(tmp_path):
    # "label" and "navn" name the site in some files; the GraphML writes "name", which wins.
    original = import_network(FIXTURES / "topologies" / "Nordu2010.gml").network
    site = original.sites[0]
    assert site.properties["label"] == site.name
    (written,) = save_network(original, tmp_path / "nordu.graphml")
    text = written.read_text(encoding="utf-8")
    assert 'attr.name="label"' in text and 'attr.name="x"' not in text
