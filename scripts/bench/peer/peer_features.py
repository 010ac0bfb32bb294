"""Point-in-time features with pandas: for each (property, as-of date), only
records dated on or before the as-of date count. YARDSTICK ONLY.

Scoring rows are as of the borough's extract date; training rows are as of the
day before the property's latest conclusive inspection (hmo / not-hmo), so no
record from the inspection day or later leaks into its features.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

EPC = {k: i + 1 for i, k in enumerate("ABCDEFG")}
BAND = {k: i + 1 for i, k in enumerate("ABCDEFGH")}
MONTH = pd.Timedelta(days=30.4375)


def targets_for_scoring(tables: dict, extract_dates: dict) -> pd.DataFrame:
    p = tables["properties"][["borough_code", "uprn"]].copy()
    p["as_of"] = p["borough_code"].map(extract_dates).astype("datetime64[ns]")
    return p.reset_index(drop=True)


def targets_for_training(tables: dict) -> pd.DataFrame:
    """One row per labelled property, with the pipeline's label rules (docs/features.md):
    the latest conclusive inspection (hmo wins a tie on the day, then the earlier line),
    declared HMOs left out (a licence-application visit, or a current mandatory/additional
    HMO licence the day before the label inspection)."""
    i = tables["inspections"]
    conclusive = i[i["outcome"].isin(["hmo", "not-hmo"])].assign(
        _hmo_first=lambda d: (d["outcome"] != "hmo").astype(np.int8), _line=lambda d: np.arange(len(d))
    )
    latest = conclusive.sort_values(["borough_code", "uprn", "inspection_date", "_hmo_first", "_line"], ascending=[True, True, False, True, True], kind="stable").drop_duplicates(["borough_code", "uprn"], keep="first")
    t = latest[["borough_code", "uprn", "inspection_date", "trigger"]].copy()
    t["label"] = (latest["outcome"] == "hmo").astype(np.int8).to_numpy()
    t["as_of"] = t["inspection_date"] - pd.Timedelta(days=1)
    lic = tables["licences"]
    hmo_lic = lic[lic["scheme"].isin(["mandatory-hmo", "additional-hmo"])][["borough_code", "uprn", "start_date", "end_date"]]
    held = t[["borough_code", "uprn", "as_of"]].reset_index().merge(hmo_lic, on=["borough_code", "uprn"], how="inner")
    licensed = set(held.loc[(held["start_date"] <= held["as_of"]) & (held["as_of"] <= held["end_date"]), "index"])
    declared = (t["trigger"].astype(object) == "licence-application").to_numpy() | t.index.isin(list(licensed))
    return t[~declared].reset_index(drop=True)


def _join(events: pd.DataFrame, targets: pd.DataFrame, columns: list) -> pd.DataFrame:
    """Events of each target's property, with the target's row id and as-of date."""
    keyed = targets[["borough_code", "uprn", "as_of"]].assign(tid=np.arange(len(targets)))
    return events[["borough_code", "uprn", *columns]].merge(keyed, on=["borough_code", "uprn"], how="inner")


def _count(tid: np.ndarray, mask, n: int) -> np.ndarray:
    return np.bincount(tid[np.asarray(mask, dtype=bool)], minlength=n).astype(np.float64)


def build_features(tables: dict, targets: pd.DataFrame, recent_months: int = 12, long_months: int = 36) -> pd.DataFrame:
    n = len(targets)
    f = {}
    recent, long = recent_months * MONTH, long_months * MONTH
    props = tables["properties"]
    p = targets[["borough_code", "uprn"]].merge(props, on=["borough_code", "uprn"], how="left")
    f["habitable_rooms"] = p["habitable_rooms"].to_numpy(dtype=float)
    f["floor_area_m2"] = p["floor_area_m2"].to_numpy(dtype=float)
    f["year_built"] = p["year_built"].to_numpy(dtype=float)
    f["epc_rating"] = p["epc_rating"].astype(object).map(EPC).to_numpy(dtype=float)
    f["council_tax_band"] = p["council_tax_band"].astype(object).map(BAND).to_numpy(dtype=float)
    for column, values in (
        ("property_type", ["house", "flat", "maisonette", "bungalow", "other"]),
        ("built_form", ["detached", "semi-detached", "terraced", "end-terrace", "purpose-built", "converted", "unknown"]),
        ("tenure", ["owner-occupied", "private-rented", "social-rented", "unknown"]),
    ):
        col = p[column].astype(object)
        for v in values:
            f[f"{column}_{v}"] = (col == v).to_numpy(dtype=float)
    landlord = props[["borough_code", "landlord_ref"]].dropna()
    portfolio = landlord.groupby(["borough_code", "landlord_ref"]).size().rename("portfolio").reset_index()
    p2 = p[["borough_code", "landlord_ref"]].merge(portfolio, on=["borough_code", "landlord_ref"], how="left")
    f["has_landlord_ref"] = p["landlord_ref"].notna().to_numpy(dtype=float)
    f["landlord_portfolio"] = p2["portfolio"].fillna(0).to_numpy(dtype=float)

    e = _join(tables["electoral_register"], targets, ["surname_key", "registered_date", "removed_date"])
    tid = e["tid"].to_numpy()
    registered, removed, as_of = e["registered_date"], e["removed_date"], e["as_of"]
    current = (registered <= as_of) & (removed.isna() | (removed > as_of))
    f["electors_current"] = _count(tid, current, n)
    surnames = e.loc[current, ["tid", "surname_key"]].drop_duplicates()
    f["surnames_current"] = np.bincount(surnames["tid"].to_numpy(), minlength=n).astype(float)
    f["registrations_recent"] = _count(tid, (registered <= as_of) & (registered > as_of - recent), n)
    f["registrations_long"] = _count(tid, (registered <= as_of) & (registered > as_of - long), n)
    f["removals_recent"] = _count(tid, removed.notna() & (removed <= as_of) & (removed > as_of - recent), n)
    del e, surnames

    c = _join(tables["council_tax"], targets, ["start_date", "end_date", "single_person_discount", "student_exemption", "liable_persons"])
    tid = c["tid"].to_numpy()
    open_ = (c["start_date"] <= c["as_of"]) & (c["end_date"].isna() | (c["end_date"] > c["as_of"]))
    f["ct_accounts_current"] = _count(tid, open_, n)
    f["ct_single_person_discount"] = _count(tid, open_ & (c["single_person_discount"] == True), n)  # noqa: E712
    f["ct_student_exemption"] = _count(tid, open_ & (c["student_exemption"] == True), n)  # noqa: E712
    liable = np.bincount(tid[open_.to_numpy()], weights=c["liable_persons"].fillna(0).to_numpy()[open_.to_numpy()], minlength=n)
    f["ct_liable_persons"] = liable
    f["ct_accounts_long"] = _count(tid, (c["start_date"] <= c["as_of"]) & (c["start_date"] > c["as_of"] - long), n)
    del c

    hb_table = tables.get("housing_benefit")
    if hb_table is not None and len(hb_table):
        h = _join(hb_table, targets, ["start_date", "end_date", "shared_accommodation_rate", "weekly_rent"])
        tid = h["tid"].to_numpy()
        live = ((h["start_date"] <= h["as_of"]) & (h["end_date"].isna() | (h["end_date"] > h["as_of"]))).to_numpy()
        f["hb_claims_current"] = _count(tid, live, n)
        f["hb_shared_rate_current"] = _count(tid, live & (h["shared_accommodation_rate"] == True).to_numpy(), n)  # noqa: E712
        rent = np.bincount(tid[live], weights=h["weekly_rent"].fillna(0).to_numpy()[live], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            f["hb_weekly_rent_mean"] = np.where(f["hb_claims_current"] > 0, rent / f["hb_claims_current"], np.nan)
    else:
        for k in ("hb_claims_current", "hb_shared_rate_current", "hb_weekly_rent_mean"):
            f[k] = np.full(n, np.nan)

    co_table = tables.get("complaints")
    if co_table is not None and len(co_table):
        q = _join(co_table.dropna(subset=["uprn"]), targets, ["received_date", "category"])
        tid = q["tid"].to_numpy()
        in_long = (q["received_date"] <= q["as_of"]) & (q["received_date"] > q["as_of"] - long)
        f["complaints_recent"] = _count(tid, (q["received_date"] <= q["as_of"]) & (q["received_date"] > q["as_of"] - recent), n)
        f["complaints_long"] = _count(tid, in_long, n)
        category = q["category"].astype(object)
        for cat in ("noise", "waste", "overcrowding", "asb", "disrepair"):
            f[f"complaints_{cat}_long"] = _count(tid, in_long & (category == cat), n)
    else:
        for k in ("complaints_recent", "complaints_long", *[f"complaints_{c}_long" for c in ("noise", "waste", "overcrowding", "asb", "disrepair")]):
            f[k] = np.full(n, np.nan)

    li = _join(tables["licences"], targets, ["scheme", "start_date", "end_date"])
    tid = li["tid"].to_numpy()
    scheme = li["scheme"].astype(object)
    live = (li["start_date"] <= li["as_of"]) & (li["end_date"] >= li["as_of"])
    f["selective_licence_current"] = _count(tid, live & (scheme == "selective"), n)
    f["hmo_licence_lapsed"] = _count(tid, scheme.isin(["mandatory-hmo", "additional-hmo"]) & (li["end_date"] < li["as_of"]), n)

    rooms = np.maximum(np.nan_to_num(f["habitable_rooms"], nan=1.0), 1.0)
    f["electors_per_room"] = f["electors_current"] / rooms
    with np.errstate(invalid="ignore", divide="ignore"):
        f["surnames_per_elector"] = np.where(f["electors_current"] > 0, f["surnames_current"] / f["electors_current"], 0.0)
    return pd.DataFrame(f)
