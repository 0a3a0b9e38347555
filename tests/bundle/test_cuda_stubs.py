"""packaging/cuda_stubs.py on a small library made here: same soname, symbols and
versions; a stub function says what it is and aborts; real definitions are not shadowed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("cuda_stubs", ROOT / "packaging" / "cuda_stubs.py")
cuda_stubs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cuda_stubs)

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or cuda_stubs.compiler() is None, reason="needs Linux and a C compiler"
)

SOURCE = "int fake_add(int a, int b) { return a + b; }\nint fake_shared(void) { return 1; }\nint fake_table[4] = {1, 2, 3, 4};\n"
VERSIONS = "FAKE_1 { global: fake_add; fake_shared; fake_table; local: *; };\n"


@pytest.fixture
def real_lib(tmp_path) -> Path:
    (tmp_path / "fake.c").write_text(SOURCE)
    (tmp_path / "fake.map").write_text(VERSIONS)
    lib = tmp_path / "real" / "libfake.so.1"
    lib.parent.mkdir()
    subprocess.run(
        [
            cuda_stubs.compiler(),
            "-shared",
            "-fPIC",
            "-o",
            str(lib),
            str(tmp_path / "fake.c"),
            "-Wl,-soname,libfake.so.1",
            f"-Wl,--version-script={tmp_path / 'fake.map'}",
        ],
        check=True,
    )
    return lib


def test_the_stub_has_the_same_soname_symbols_and_versions(real_lib, tmp_path):
    stub = cuda_stubs.build_stub(real_lib, tmp_path / "stub", cuda_stubs.compiler(), {"fake_shared"})
    soname, _, _ = cuda_stubs.dynamic_section(stub)
    assert soname == "libfake.so.1"
    symbols = {
        (name, kind, version)
        for name, kind, _, _, version in cuda_stubs.dynamic_symbols(stub)
        if name.startswith("fake")
    }
    assert symbols == {("fake_add", "FUNC", "FAKE_1"), ("fake_table", "OBJECT", "FAKE_1")}  # not fake_shared


def test_calling_a_stub_function_aborts_with_its_name(real_lib, tmp_path):
    stub = cuda_stubs.build_stub(real_lib, tmp_path / "stub", cuda_stubs.compiler())
    code = f"import ctypes; print(ctypes.CDLL({str(stub)!r}).fake_add(1, 2))"
    real = subprocess.run(
        [sys.executable, "-c", code.replace(str(stub), str(real_lib))], capture_output=True, text=True
    )
    assert real.stdout.strip() == "3"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "fake_add (libfake.so.1) is not part of this CPU-only bundle" in result.stderr


def test_only_listed_libraries_are_stubbed(real_lib, tmp_path):
    toc = [
        ("nvidia/cu13/lib/libcublas.so.13", str(real_lib), "BINARY"),
        ("libfoo.so", str(real_lib), "BINARY"),
        ("nvidia/cu13/lib/libcudart.so.13", str(real_lib), "BINARY"),
    ]
    out = cuda_stubs.stub_binaries(toc, tmp_path / "stubs", log=lambda message: None)
    assert [Path(src) != real_lib for _, src, _ in out] == [True, False, False]
    assert [dest for dest, _, _ in out] == [dest for dest, _, _ in toc]
