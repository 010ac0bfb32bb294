"""Reading and validating a drop the way hmo-harmonised/1.0 asks, with the csv
module (exact RFC 4180 records, line numbers, strict quoting) and pandas
(vectorised value checks). YARDSTICK ONLY: part of the benchmark, not the product.

The column lists, types and enums come from data/standard/hmo-harmonised-v1.json,
the single machine-readable copy of the standard.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

csv.field_size_limit(sys.maxsize)

UPRN_RE = r"[1-9][0-9]{0,11}"
INTEGER_RE = r"-?[0-9]+"
NUMBER_RE = r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
DATE_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
GSS_RE = re.compile(r"^E09000\d{3}$")


class BoroughFailure(Exception):
    """A failure of a whole borough (standard section 4.1)."""


@dataclass
class TableResult:
    rows_read: int = 0
    rows_accepted: int = 0
    reasons: dict = field(default_factory=dict)


@dataclass
class BoroughResult:
    code: str
    status: str = "ok"
    extract_date: pd.Timestamp | None = None
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)  # name -> typed DataFrame of accepted rows
    counts: dict = field(default_factory=dict)  # name -> TableResult


def load_schema(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_records(path: str):
    """Header and records of a CSV per RFC 4180 (blank lines are not records).
    Raises BoroughFailure for an unreadable file."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            records = [r for r in csv.reader(f, strict=True) if r]
    except UnicodeDecodeError as e:
        raise BoroughFailure(f"{path}: not valid UTF-8 ({e})")
    except csv.Error as e:
        raise BoroughFailure(f"{path}: unreadable CSV ({e})")
    if not records:
        raise BoroughFailure(f"{path}: no header row")
    return records[0], records[1:]


def _bad_form(values: pd.Series, pattern: str) -> pd.Series:
    present = values != ""
    return present & ~values.str.fullmatch(pattern).fillna(False)


def check_table(df: pd.DataFrame, spec: dict, extract: pd.Timestamp, known_uprns, malformed: np.ndarray):
    """Reason per row (empty string = accepted), checks in the standard's order (4.2)."""
    n = len(df)
    reason = np.where(malformed, "malformed_row", "").astype(object)
    open_ = reason == ""
    columns = spec["columns"]
    if spec["name"] == "complaints":
        hit = open_ & (df["uprn"].to_numpy() == "")
        reason[hit] = "null_uprn"
        open_ &= ~hit
    missing = np.zeros(n, dtype=bool)
    for c in columns:
        if c["required"] and not c.get("nullable", False):
            missing |= df[c["name"]].to_numpy() == ""
    hit = open_ & missing
    reason[hit] = "missing_value"
    open_ &= ~hit
    for c in columns:
        values = df[c["name"]]
        t = c["type"]
        if t == "uprn":
            bad = _bad_form(values, UPRN_RE).to_numpy()
            reason[open_ & bad] = "malformed_uprn"
        elif t in ("integer", "number"):
            bad = _bad_form(values, INTEGER_RE if t == "integer" else NUMBER_RE)
            number = pd.to_numeric(values.where(~bad & (values != "")), errors="coerce")
            if "min" in c:
                bad |= number < c["min"]
            if "exclusiveMin" in c:
                bad |= number <= c["exclusiveMin"]
            bad = bad.to_numpy()
            reason[open_ & bad] = "invalid_number"
        elif t == "date":
            present = (values != "").to_numpy()
            parsed = pd.to_datetime(values.where(values.str.fullmatch(DATE_RE).fillna(False)), format="%Y-%m-%d", errors="coerce")
            bad = present & parsed.isna().to_numpy()
            reason[open_ & bad] = "bad_date"
            open_ &= ~bad
            if not c.get("futureAllowed", False):
                future = (parsed > extract).to_numpy()
                reason[open_ & future] = "future_date"
                bad = future
        elif t == "boolean":
            bad = ((values != "") & ~values.isin(["true", "false"])).to_numpy()
            reason[open_ & bad] = "bad_boolean"
        elif t == "enum":
            bad = ((values != "") & ~values.isin(c["values"])).to_numpy()
            reason[open_ & bad] = "unknown_enum"
        else:
            continue
        open_ &= ~bad
    if spec["name"] != "properties":
        unmatched = open_ & ~df["uprn"].isin(known_uprns).to_numpy()
        reason[unmatched] = "unmatched_uprn"
        open_ &= ~unmatched
    names = [c["name"] for c in columns]
    if spec["name"] == "properties":
        # The first remaining row of each UPRN is accepted; a later one is a duplicate
        # row when every field matches that row, else a duplicate UPRN.
        idx = np.flatnonzero(open_)
        sub = df.iloc[idx]
        first = ~sub["uprn"].duplicated(keep="first").to_numpy()
        later = idx[~first]
        if len(later):
            firsts = sub[first].set_index("uprn", drop=False)[names]
            later_rows = df.iloc[later][names]
            same = (firsts.loc[later_rows["uprn"]].to_numpy() == later_rows.to_numpy()).all(axis=1)
            reason[later[same]] = "duplicate_row"
            reason[later[~same]] = "duplicate_uprn"
            open_[later] = False
    else:
        idx = np.flatnonzero(open_)
        dup = df.iloc[idx].duplicated(subset=names, keep="first").to_numpy()
        reason[idx[dup]] = "duplicate_row"
        open_[idx[dup]] = False
    return reason, open_


def to_typed(df: pd.DataFrame, spec: dict) -> pd.DataFrame:
    """Accepted rows with the standard's types; null is NaN/NaT/None."""
    out = {}
    for c in spec["columns"]:
        values = df[c["name"]]
        t = c["type"]
        if t == "uprn":
            out[c["name"]] = pd.to_numeric(values.where(values != ""), errors="coerce")
        elif t in ("integer", "number"):
            out[c["name"]] = pd.to_numeric(values.where(values != ""), errors="coerce").astype("float64")
        elif t == "date":
            out[c["name"]] = pd.to_datetime(values.where(values != ""), format="%Y-%m-%d", errors="coerce")
        elif t == "boolean":
            out[c["name"]] = (values == "true").where(values != "")
        elif t == "pseudonym":
            # Pseudonyms only ever meet within a borough (same landlord, same surname):
            # per-borough integer codes keep them comparable at a fraction of the memory.
            codes, _ = pd.factorize(values.where(values != ""))
            out[c["name"]] = np.where(codes < 0, np.nan, codes.astype(np.float64))
        elif c["name"] == "address":
            out[c["name"]] = values
        else:
            out[c["name"]] = values.where(values != "").astype("category")
    return pd.DataFrame(out, index=df.index).reset_index(drop=True)


def ingest_borough(drop: str, code: str, schema: dict) -> BoroughResult:
    result = BoroughResult(code=code)
    try:
        _ingest(drop, code, schema, result)
    except BoroughFailure as e:
        result.status = "failed"
        result.errors.append(str(e))
        result.tables = {}
    return result


def _ingest(drop: str, code: str, schema: dict, result: BoroughResult) -> None:
    folder = os.path.join(drop, code)
    london = {b["code"] for b in schema["boroughs"]}
    if code not in london:
        raise BoroughFailure(f"{folder}: folder name {code!r} is not a London GSS code")
    manifest_path = os.path.join(folder, "manifest.json")
    try:
        with open(manifest_path, encoding="utf-8-sig") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise BoroughFailure(f"{manifest_path}: missing")
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise BoroughFailure(f"{manifest_path}: not JSON ({e})")
    if not isinstance(manifest, dict):
        raise BoroughFailure(f"{manifest_path}: not a JSON object")
    if manifest.get("standard") != schema["standard"]:
        raise BoroughFailure(f"{manifest_path}: unknown standard {manifest.get('standard')!r}")
    if manifest.get("borough_code") != code:
        raise BoroughFailure(f"{manifest_path}: borough_code {manifest.get('borough_code')!r} differs from folder {code}")
    extract_text = manifest.get("extract_date")
    extract = pd.to_datetime(extract_text, format="%Y-%m-%d", errors="coerce") if isinstance(extract_text, str) and re.fullmatch(DATE_RE, extract_text) else pd.NaT
    if pd.isna(extract):
        raise BoroughFailure(f"{manifest_path}: extract_date {extract_text!r} is not a date")
    result.extract_date = extract
    listed = manifest.get("tables") or {}
    if not isinstance(listed, dict):
        raise BoroughFailure(f"{manifest_path}: tables is not an object")
    specs = {t["name"]: t for t in schema["tables"]}
    for name in listed:
        if name not in specs:
            result.warnings.append(f"{manifest_path}: unknown table {name!r} ignored")
    personal = set(schema["personal_data_columns"])
    known_uprns = None
    for spec in schema["tables"]:  # properties first: it keys every other table
        name = spec["name"]
        entry = listed.get(name)
        if entry is None:
            if spec["required"]:
                raise BoroughFailure(f"{manifest_path}: required table {name} is not listed")
            continue
        file_name = entry.get("file") if isinstance(entry, dict) else None
        if not isinstance(file_name, str) or "/" in file_name or "\\" in file_name or file_name in ("", ".", ".."):
            raise BoroughFailure(f"{manifest_path}: table {name} file {file_name!r} is not a plain file name")
        path = os.path.join(folder, file_name)
        if not os.path.isfile(path):
            raise BoroughFailure(f"{path}: listed in the manifest but missing")
        header, records = read_records(path)
        expected_rows = entry.get("rows")
        if not isinstance(expected_rows, int) or isinstance(expected_rows, bool) or expected_rows != len(records):
            raise BoroughFailure(f"{path}: manifest says rows {expected_rows!r}, the file holds {len(records)} records")
        seen = set()
        for h in header:
            if h in seen:
                raise BoroughFailure(f"{path}: column {h!r} repeated in the header")
            seen.add(h)
            if h.strip().lower() in personal:
                raise BoroughFailure(f"{path}: personal-data column {h!r}")
        standard_names = [c["name"] for c in spec["columns"]]
        for c in spec["columns"]:
            if c["required"] and c["name"] not in seen:
                raise BoroughFailure(f"{path}: required column {c['name']} missing")
        for h in header:
            if h not in standard_names:
                result.warnings.append(f"{path}: unknown column {h!r} ignored")
        width = len(header)
        lengths = np.fromiter((len(r) for r in records), dtype=np.int64, count=len(records))
        malformed = lengths != width
        good = records if not malformed.any() else [r if len(r) == width else [""] * width for r in records]
        df = pd.DataFrame(good, columns=header, dtype=object) if good else pd.DataFrame({h: pd.Series(dtype=object) for h in header})
        del good, records
        for c in standard_names:
            if c not in df.columns:
                df[c] = ""
        df = df[standard_names]
        reason, accepted = check_table(df, spec, extract, known_uprns if known_uprns is not None else pd.Index([]), malformed)
        counts = TableResult(rows_read=len(df), rows_accepted=int(accepted.sum()))
        kinds, numbers = np.unique(reason[~accepted].astype(str), return_counts=True)
        counts.reasons = {str(k): int(v) for k, v in zip(kinds, numbers)}
        result.counts[name] = counts
        typed = to_typed(df[accepted], spec)
        typed.insert(0, "borough_code", code)
        result.tables[name] = typed
        if name == "properties":
            known_uprns = pd.Index(df["uprn"][accepted])
