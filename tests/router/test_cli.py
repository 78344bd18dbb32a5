"""The `router` command line contract: train → evaluate → predict on a small CSV."""

import contextlib
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from aduan.router import Router
from aduan.router.cli import main

from .synthetic import categorised, complaints

REPO = Path(__file__).resolve().parents[2]


def _write_csv(path: Path, n: int, seed: int) -> None:
    rows = zip(*categorised(n, seed=seed), strict=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "isi", "instansi", "kec", "desa", "kategori"])
        for i, (text, place, label, category) in enumerate(rows):
            writer.writerow([i, text, label, place["kec"], place["desa"], category])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("cli")
    _write_csv(directory / "train.csv", 400, seed=3)
    _write_csv(directory / "test.csv", 80, seed=4)
    return directory


@pytest.fixture(scope="module")
def trained(workdir):
    out = workdir / "model"
    args = ["train", "--data", str(workdir / "train.csv"), "--text", "isi", "--label", "instansi"]
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        places = ["--place", "kec", "--place", "desa"]
        assert main([*args, *places, "--category", "kategori", "--out", str(out)]) == 0
    return out, json.loads(stdout.getvalue())


@pytest.fixture(scope="module")
def model(trained):
    return trained[0]


def test_train_writes_a_model_and_prints_a_summary(trained):
    model, summary = trained
    assert summary["trained_on"] == 400
    assert summary["version"] == Router.load(model).version
    assert "@local:Desa {desa}" in summary["local_office_templates"]
    assert summary["categories"] == len(Router.load(model).categories) > 1


def test_evaluate_prints_metrics_as_json(model, workdir, capsys):
    args = ["evaluate", "--model", str(model), "--data", str(workdir / "test.csv")]
    assert main([*args, "--text", "isi", "--label", "instansi"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 80
    assert result["top1"] >= 0.85
    for key in ("top3", "macro_f1", "auto_share", "auto_precision", "target_precision"):
        assert key in result


def test_place_columns_may_follow_one_place_flag(model, workdir, capsys):
    data = ["--data", str(workdir / "test.csv"), "--text", "isi", "--label", "instansi"]
    assert main(["evaluate", "--model", str(model), *data, "--place", "kec", "desa"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (
        main(["evaluate", "--model", str(model), *data, "--place", "kec", "--place", "desa"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == listed


def test_evaluate_scores_categories_from_their_column(model, workdir, capsys):
    args = ["evaluate", "--model", str(model), "--data", str(workdir / "test.csv")]
    assert main([*args, "--text", "isi", "--label", "instansi", "--category", "kategori"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["category_n"] == 80
    assert 0.5 <= result["category_top1"] <= result["category_top3"] <= 1
    # Scored against the wrong column, the same predictions miss every time.
    assert main([*args, "--text", "isi", "--label", "instansi", "--category", "instansi"]) == 0
    assert json.loads(capsys.readouterr().out)["category_top3"] == 0


def test_evaluate_refuses_categories_for_a_model_without_them(workdir, tmp_path, capsys):
    out = tmp_path / "plain"
    data = ["--data", str(workdir / "train.csv"), "--text", "isi", "--label", "instansi"]
    assert main(["train", *data, "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--model", str(out), *data, "--category", "kategori"]) == 2
    assert "learned no categories" in capsys.readouterr().err


def test_predict_routes_json_lines_in_input_order(model, capsys):
    texts, places, _ = complaints(30, seed=5)
    lines = [json.dumps({"text": t, **p, "extra": 1}) for t, p in zip(texts, places, strict=True)]
    lines.insert(10, "")  # blank lines are skipped
    stdin = io.BytesIO(("\n".join(lines) + "\n").encode())
    assert main(["predict", "--model", str(model)], stdin=stdin) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = Router.load(model).predict(texts, places)
    assert [o["label"] for o in out] == [p.label for p in expected]
    assert [o["auto"] for o in out] == [p.auto for p in expected]
    for o in out:
        assert set(o) == {"label", "confidence", "candidates", "why", "auto", "categories"}
        assert 0 <= o["confidence"] <= 1
        assert 1 <= len(o["candidates"]) <= 3
        assert set(o["candidates"][0]) == {"label", "p"}
        assert set(o["categories"][0]) == {"label", "p"}


def test_python_dash_m_runs_the_same_command_line(model):
    stdin = json.dumps({"text": "sampah menumpuk dan berbau busuk", "desa": "Cibodas"}) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "aduan.router", "predict", "--model", str(model)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["label"] == "Dinas Lingkungan Hidup"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--text", "isi", "--label", "agency"], "no column 'agency'"),
        (["--text", "body", "--label", "instansi", "--place", "rt"], "no column 'body', 'rt'"),
    ],
)
def test_a_missing_column_is_a_clear_error_without_traceback(workdir, capsys, argv, message):
    data = ["--data", str(workdir / "train.csv")]
    status = main(["train", *data, *argv, "--out", str(workdir / "never")])
    err = capsys.readouterr().err
    assert status == 2
    assert message in err
    assert "Traceback" not in err
    assert not (workdir / "never").exists()


def test_unreadable_inputs_are_clear_errors(workdir, model, capsys):
    missing = ["--data", str(workdir / "nope.csv"), "--text", "isi", "--label", "instansi"]
    assert main(["evaluate", "--model", str(model), *missing]) == 2
    assert "cannot read" in capsys.readouterr().err
    (workdir / "binary.csv").write_bytes(b"\xff\xfe\x00garbage")
    binary = ["--data", str(workdir / "binary.csv"), "--text", "isi", "--label", "instansi"]
    assert main(["evaluate", "--model", str(model), *binary]) == 2
    assert "UTF-8" in capsys.readouterr().err
    assert main(["predict", "--model", str(workdir / "no-model")], stdin=io.BytesIO(b"")) == 2
    assert "no model directory" in capsys.readouterr().err
    assert main(["predict", "--model", str(model)], stdin=io.BytesIO(b"{not json\n")) == 2
    assert "line 1" in capsys.readouterr().err
    assert main(["predict", "--model", str(workdir)], stdin=io.BytesIO(b"")) == 2
    assert "model refused" in capsys.readouterr().err


def test_usage_errors_exit_non_zero(capsys):
    assert main(["train", "--data", "x.csv"]) == 2
    assert "required" in capsys.readouterr().err


def test_hostile_inputs_are_clear_errors(workdir, model, capsys):
    deep = "[" * 100_000 + "]" * 100_000 + "\n"
    assert main(["predict", "--model", str(model)], stdin=io.BytesIO(deep.encode())) == 2
    assert "line 1: not JSON" in capsys.readouterr().err
    nested = json.dumps({"text": "sampah menumpuk", "desa": {"a": 1}}) + "\n"
    assert main(["predict", "--model", str(model)], stdin=io.BytesIO(nested.encode())) == 2
    assert "line 1: desa must be a string" in capsys.readouterr().err
    # Two columns of one name: the csv module would quietly read the last.
    doubled = workdir / "doubled.csv"
    doubled.write_text("isi,instansi,isi\njalan rusak,Dinas PU,\n", encoding="utf-8")
    args = ["--data", str(doubled), "--text", "isi", "--label", "instansi"]
    assert main(["train", *args, "--out", str(workdir / "never")]) == 2
    assert "column 'isi' appears twice" in capsys.readouterr().err


def test_a_file_too_small_or_badly_quoted_to_train_on_is_a_clear_error(workdir, capsys):
    tiny = workdir / "tiny.csv"
    tiny.write_text("isi,instansi\n111,Dinas PU\n222,Dinas Kesehatan\n", encoding="utf-8")
    args = ["--text", "isi", "--label", "instansi", "--out", str(workdir / "never")]
    assert main(["train", "--data", str(tiny), *args]) == 2
    assert "too little text to learn from in 2 rows" in capsys.readouterr().err
    unclosed = workdir / "unclosed.csv"
    unclosed.write_text('isi,instansi\n"jalan rusak,Dinas PU\nlampu mati,PLN\n', encoding="utf-8")
    assert main(["train", "--data", str(unclosed), *args]) == 2
    assert "is not a readable UTF-8 CSV file" in capsys.readouterr().err


def test_input_that_is_not_utf8_or_names_half_a_character_is_refused(model, capsys):
    good = json.dumps({"text": "sampah menumpuk", "desa": "Cibodas"}).encode() + b"\n"
    stray = b'{"text": "sampah menumpuk", "desa": "Cibodas\xff"}\n'
    assert main(["predict", "--model", str(model)], stdin=io.BytesIO(good + stray)) == 2
    assert "line 2: not UTF-8" in capsys.readouterr().err
    surrogate = b'{"text": "sampah menumpuk", "desa": "Cibodas\\ud800"}\n'
    assert main(["predict", "--model", str(model)], stdin=io.BytesIO(surrogate)) == 2
    assert "line 1: a \\u escape names no character" in capsys.readouterr().err


def test_a_reader_that_goes_away_stops_predict_quietly(model):
    line = json.dumps({"text": "sampah menumpuk dan berbau busuk", "desa": "Cibodas"}) + "\n"
    predict = subprocess.Popen(
        [sys.executable, "-m", "aduan.router", "predict", "--model", str(model)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    predict.stdin.write(line.encode() * 5000)  # far more output than a pipe holds
    predict.stdin.close()
    assert json.loads(predict.stdout.readline())["label"]
    predict.stdout.close()  # as `| head -1` does
    assert predict.wait(timeout=120) == 1
    assert predict.stderr.read() == b""


def test_rows_whose_label_is_blank_are_not_learned(workdir, capsys):
    with (workdir / "train.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows[::4]:
        row["instansi"] = "   "
    blank = workdir / "blank.csv"
    with blank.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = ["--data", str(blank), "--text", "isi", "--label", "instansi", "--out"]
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(["train", *args, str(workdir / "blank-model")]) == 0
    assert "" not in Router.load(workdir / "blank-model").classes
    assert json.loads(stdout.getvalue())["trained_on"] == len(rows) - len(rows[::4])


def test_a_byte_order_mark_before_the_first_line_is_not_an_error(model, capsys):
    line = json.dumps({"text": "sampah menumpuk dan berbau busuk"}) + "\n"
    stdin = io.BytesIO(("\ufeff" + line).encode())
    assert main(["predict", "--model", str(model)], stdin=stdin) == 0
    assert json.loads(capsys.readouterr().out)["label"] == "Dinas Lingkungan Hidup"


def test_rows_without_a_time_cannot_be_put_in_time_order(workdir, capsys):
    with (workdir / "train.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        row["waktu"] = "" if i == 7 else f"2022-01-01 00:{i % 60:02d}"
    timed = workdir / "timed.csv"
    with timed.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    args = ["--data", str(timed), "--text", "isi", "--label", "instansi", "--time", "waktu"]
    assert main(["train", *args, "--out", str(workdir / "never")]) == 2
    assert "1 rows have no 'waktu'" in capsys.readouterr().err


def test_a_csv_that_excel_wrote_with_semicolons_is_read(workdir, capsys):
    # Excel in an Indonesian locale (decimal comma) saves "CSV" with a BOM, ";" and CRLF.
    with (workdir / "test.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    excel = workdir / "excel.csv"
    with excel.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    args = ["--data", str(excel), "--text", "isi", "--label", "instansi", "--place", "desa"]
    assert main(["evaluate", "--model", str(workdir / "model"), *args]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == len(rows)
