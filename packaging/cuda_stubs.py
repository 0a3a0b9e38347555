"""Small stand-ins for the CUDA libraries that a CUDA build of torch links against.

PyPI's torch for Linux is a CUDA build: torch/lib/libtorch_cuda.so (loaded whenever
torch is imported) names cuBLAS, cuFFT, cuSPARSE, NCCL, ... as DT_NEEDED libraries,
so the dynamic linker must find them even on a machine without a GPU, where no
function in them is ever called. Together they are about 1.9 GB.

For each such library this module builds a stub with the same soname, DT_NEEDED
entries and RPATH that exports the same symbols (those no other bundled library
defines) with the same symbol versions, so the dynamic linker is satisfied; every
stub function reports its name and aborts if it is ever called. The runtime hook
hides GPUs (CUDA_VISIBLE_DEVICES=""), so torch stays on the CPU, where none of them
is used. libcudart, libcudnn (a 100 KB loader), libcupti and libcufile are small and
stay real. libtorch_cuda.so itself (480 MB) must stay real: torch._C's module init
constructs objects from it (c10d::ProcessGroupNCCL::Options, pybind11 type records).
Needs a C compiler (cc/gcc) at build time; without one, the real libraries are bundled.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# sonames (without the version suffix) of the large libraries a CPU build never calls
STUBBED = (
    "libcublasLt",
    "libcublas",
    "libnvrtc",
    "libcurand",
    "libcusparse",
    "libcusparseLt",
    "libnccl",
    "libcufft",
    "libnvshmem_host",
    "libnvJitLink",
    "libcusolver",
)
_SYMBOL = re.compile(r"^\s*\d+:\s+\S+\s+(\d+|0x[0-9a-f]+)\s+(\w+)\s+(\w+)\s+\w+\s+(\S+)\s+(\S+)")
_C_HEADER = """\
#include <stdio.h>
#include <stdlib.h>
static void digitpad_stub_called(const char *name) {
    fprintf(stderr, "DigitPad: %s (%s) is not part of this CPU-only bundle\\n", name, SONAME);
    abort();
}
"""


def compiler() -> str | None:
    return shutil.which("cc") or shutil.which("gcc")


def wants_stub(path: str | Path) -> bool:
    base = Path(path).name.split(".so", 1)[0]
    return base in STUBBED


def dynamic_symbols(lib: Path) -> list[tuple[str, str, str, int, str | None]]:
    """(name, type, binding, size, version) of the library's defined dynamic symbols."""
    out = subprocess.run(["readelf", "--dyn-syms", "-W", str(lib)], capture_output=True, text=True, check=True)
    symbols = []
    for line in out.stdout.splitlines():
        m = _SYMBOL.match(line)
        if not m:
            continue
        size, kind, bind, ndx, name = m.groups()
        if ndx in {"UND", "ABS"} or kind not in {"FUNC", "OBJECT", "NOTYPE", "IFUNC", "TLS"}:
            continue
        version = None
        if "@" in name:
            name, _, version = name.partition("@")
            version = version.lstrip("@")
        symbols.append((name, kind, bind, int(size, 0), version))
    return symbols


def exported_symbols(lib: Path, defined_elsewhere: set[str]) -> list[tuple[str, str, int, str | None]]:
    """(name, type, size, version) of the symbols a stub of lib must define.

    Only symbols that no other bundled library defines: a stub must never shadow a
    real definition (C++ template instantiations and inline functions are exported by
    several libraries).
    """
    return [
        (name, kind, size, version)
        for name, kind, _, size, version in dynamic_symbols(lib)
        if name not in defined_elsewhere
    ]


def dynamic_section(lib: Path) -> tuple[str, list[str], tuple[str, str] | None]:
    """(soname, DT_NEEDED names, (RPATH or RUNPATH, value) or None) of a library."""
    out = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[(.+?)\]", out)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)
    path = re.search(r"\((RPATH|RUNPATH)\)\s+Library \w+: \[(.*?)\]", out)
    return (m.group(1) if m else lib.name), needed, (path.groups() if path else None)


def stub_source(symbols, name: str) -> tuple[str, str | None]:
    """(C source, version script or None) defining every symbol."""
    lines = [f'#define SONAME "{name}"', _C_HEADER]
    for i, (sym, kind, size, _) in enumerate(symbols):
        if kind == "OBJECT":
            lines.append(f'char digitpad_obj{i}[{max(size, 1)}] __asm__("{sym}") = {{0}};')
        elif kind == "TLS":
            lines.append(f'__thread char digitpad_tls{i}[{max(size, 1)}] __asm__("{sym}");')
        else:
            lines.append(f'void digitpad_fn{i}(void) __asm__("{sym}");')
            lines.append(f'void digitpad_fn{i}(void) {{ digitpad_stub_called("{sym}"); }}')
    versions: dict[str, list[str]] = {}
    for sym, _, _, version in symbols:
        versions.setdefault(version or "", []).append(sym)
    if not any(versions):  # no symbol versions (or no symbols at all)
        return "\n".join(lines) + "\n", None
    default = next(v for v in versions if v)
    versions.setdefault(default, []).extend(versions.pop("", []))  # unversioned: any node will do
    script = "".join(
        f"{v} {{\n  global:\n" + "".join(f"    {s};\n" for s in syms) + "};\n" for v, syms in versions.items()
    )
    return "\n".join(lines) + "\n", script


def build_stub(
    lib: Path, out_dir: Path, cc: str, defined_elsewhere: set[str] = frozenset(), bundled: dict[str, Path] | None = None
) -> Path:
    """Compile a stub for lib into out_dir/<same file name>; returns its path.

    The stub keeps the original's DT_NEEDED entries that are bundled (bundled: file
    name -> real path) and its RPATH/RUNPATH: other libraries find symbols through it
    (libtorch_python finds libtorch_nvshmem's through libtorch_cuda).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    name, needed, search_path = dynamic_section(lib)
    source, script = stub_source(exported_symbols(lib, defined_elsewhere), name)
    c_file = out_dir / f"{lib.name}.c"
    c_file.write_text(source, encoding="utf-8")
    target = out_dir / lib.name
    cmd = [cc, "-shared", "-fPIC", "-O1", "-w", "-o", str(target), str(c_file), f"-Wl,-soname,{name}"]
    if script:
        map_file = out_dir / f"{lib.name}.map"
        map_file.write_text(script, encoding="utf-8")
        cmd.append(f"-Wl,--version-script={map_file}")
    links = [str((bundled or {})[n]) for n in needed if n in (bundled or {})]
    if links:
        cmd += ["-Wl,--no-as-needed", *links]
    if search_path:
        tags = "--disable-new-dtags" if search_path[0] == "RPATH" else "--enable-new-dtags"
        cmd += [f"-Wl,{tags}", f"-Wl,-rpath,{search_path[1]}"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"cuda_stubs: building the stub for {lib.name} failed:\n{proc.stderr[-2000:]}")
    return target


def stub_binaries(binaries, out_dir: Path, log=print):
    """Replace the source of every STUBBED library in a PyInstaller TOC by a built stub.

    binaries: [(dest_name, src_path, typecode)]. Returns the new list, or the input
    unchanged (with a message) when there is no C compiler.
    """
    cc = compiler()
    if cc is None:
        log("cuda_stubs: no C compiler (cc/gcc): bundling the real CUDA libraries (about 1.9 GB more)")
        return list(binaries)
    result, saved = [], 0
    elsewhere = _symbols_of_kept(binaries)
    bundled = {Path(dest).name: Path(src).resolve() for dest, src, kind in binaries if kind == "BINARY"}
    for dest, src, kind in binaries:
        if kind == "BINARY" and wants_stub(dest):
            stub = build_stub(Path(src).resolve(), out_dir / Path(dest).parent, cc, elsewhere, bundled)
            saved += Path(src).resolve().stat().st_size - stub.stat().st_size
            log(f"cuda_stubs: {dest} -> stub ({stub.stat().st_size:,} bytes)")
            src = str(stub)
        result.append((dest, src, kind))
    log(f"cuda_stubs: {saved / 1e9:.2f} GB of CUDA libraries replaced by stubs")
    return result


_KEPT_NEIGHBOURS = ("torch/lib/", "nvidia/", "libstdc++", "libgcc_s", "libgomp")


def _symbols_of_kept(binaries) -> set[str]:
    """Names defined by the real libraries loaded next to the stubs (torch, CUDA, C++ runtime)."""
    names: set[str] = set()
    for dest, src, kind in binaries:
        if kind == "BINARY" and not wants_stub(dest) and any(n in dest for n in _KEPT_NEIGHBOURS):
            names.update(sym[0] for sym in dynamic_symbols(Path(src)))
    return names
