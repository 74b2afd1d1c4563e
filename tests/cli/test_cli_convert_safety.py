"""``stamnett convert``: a failure is one line and a count; a CSV pair never clobbers another."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from stamnett_gui.cli import main
from stamnett_gui.io.loading import import_network

FIXTURES = Path(__file__).parents[1] / "fixtures"


def broken_pair(tmp_path: Path, bad_links: int = 1200) -> Path:
    """Three sites and ``bad_links`` links to sites that do not exist."""
    sites = tmp_path / "broken-sites.csv"
    sites.write_text("id,name,lat,lon\na,A,60,10\nb,B,61,11\nc,C,62,12\n", encoding="utf-8")
    rows = "".join(f"L{i},a,nowhere{i}\n" for i in range(bad_links))
    (tmp_path / "broken-links.csv").write_text("id,from,to\nL-ok,a,b\n" + rows, encoding="utf-8")
    return sites


def test_a_failing_convert_prints_one_line_with_the_count(tmp_path, capsys):
    assert main(["convert", str(broken_pair(tmp_path)), str(tmp_path / "out.geojson")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"stamnett: {tmp_path / 'out.geojson'} not written: reading "
                             f"{tmp_path / 'broken-sites.csv'} found 1,200 errors, the first: ")
    assert "link 'L0' ends at 'nowhere0'" in err[0]
    assert err[0].endswith("; see every one with --verbose or --findings FILE")
    assert not (tmp_path / "out.geojson").exists()


def test_verbose_prints_every_finding(tmp_path, capsys):
    main(["convert", str(broken_pair(tmp_path, 30)), str(tmp_path / "out.geojson"), "--verbose"])
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 30 + 1  # every finding, then the one line
    assert all(line.startswith("stamnett: error: ") for line in err[:30])
    assert "'L29'" in err[29] and "not written" in err[30]


def test_findings_file_holds_every_finding(tmp_path, capsys):
    findings = tmp_path / "findings.txt"
    main(["convert", str(broken_pair(tmp_path)), str(tmp_path / "out.geojson"),
          "--findings", str(findings)])
    lines = findings.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1200 and all(line.startswith("error: ") for line in lines)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"stamnett: wrote 1200 findings to {findings}"
    assert len(err) == 2 and err[1].endswith("see every one with --verbose")


def test_an_unreadable_file_with_many_problems_is_one_line_too(tmp_path, capsys):
    text = (FIXTURES / "small-network.geojson").read_text(encoding="utf-8")
    broken = tmp_path / "broken.geojson"
    broken.write_text(text.replace('"kind": "hospital"', '"kind": "clinic"')
                      .replace('"kind": "hub"', '"kind": "centre"'), encoding="utf-8")
    assert main(["convert", str(broken), str(tmp_path / "out.graphml")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and '"kind" must be one of' in err[0]
    assert err[0].endswith("more problems); see every one with --verbose or --findings FILE")


def test_a_forced_convert_says_the_first_finding_and_the_count(tmp_path, capsys):
    out = tmp_path / "out.geojson"
    assert main(["convert", str(broken_pair(tmp_path, 5)), str(out), "--force"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1] == "stamnett: 5 errors in all; see every one with --verbose or --findings FILE"
    assert err[2].startswith(f"wrote {out} (3 sites, 1 links")
    assert len(import_network(out).network.links) == 1


# --- a CSV pair never clobbers the other half of someone else's pair ------------------------------


def test_convert_to_one_half_of_an_existing_pair_refuses_and_names_the_other(tmp_path, capsys):
    theirs_sites, theirs_links = tmp_path / "net-sites.csv", tmp_path / "net-links.csv"
    theirs_sites.write_text("their sites")
    theirs_links.write_text("their links")
    source = str(FIXTURES / "topologies" / "Nordu2010.gml")
    assert main(["convert", source, str(theirs_sites)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"stamnett: {theirs_sites} not written: a CSV pair is two files, and "
                   f"{theirs_links} is there already (perhaps the other half of another pair); "
                   "give --replace-pair to replace it too, or choose another OUT"]
    assert (theirs_sites.read_text(), theirs_links.read_text()) == ("their sites", "their links")
    assert main(["convert", source, str(theirs_sites), "--replace-pair"]) in (0, 1)
    assert len(import_network(theirs_sites).network.sites) == len(
        import_network(source).network.sites)


def test_convert_to_a_new_pair_needs_no_option(tmp_path, capsys):
    source = str(FIXTURES / "topologies" / "Nordu2010.gml")
    assert main(["convert", source, str(tmp_path / "nordu.csv")]) in (0, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nordu-links.csv", "nordu.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes are POSIX")
def test_every_command_refuses_a_named_pipe_at_once(tmp_path, capsys):
    pipe = tmp_path / "p.geojson"
    os.mkfifo(pipe)
    message = f"stamnett: {pipe}: this is a named pipe (FIFO), not a file; open a network file saved on disk"
    for argv in (["validate", str(pipe)], ["convert", str(pipe), str(tmp_path / "o.graphml")],
                 ["analyse", str(pipe)], ["sweep", str(pipe)]):
        assert main(argv) == 2
        assert message in capsys.readouterr().err.splitlines()
