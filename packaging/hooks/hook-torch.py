"""DigitPad's own PyInstaller hook for torch (overrides the contrib hook).

The contrib hook collects every torch submodule and, through hidden imports of the
nvidia.* packages, every CUDA library (cuDNN engines, cuSOLVER, ...): several GB that
a CPU-only desktop app never loads. This hook keeps what the app imports (found by
normal analysis), torch's Python sources (torch inspects its own code at import
time), and torch/lib. The CUDA libraries that torch's shared objects link against
(DT_NEEDED) are still found by PyInstaller's binary analysis; packaging/cuda_stubs.py
decides whether those are the real libraries or small stubs.
"""

from pathlib import Path

from PyInstaller.utils.hooks import (
    PY_DYLIB_PATTERNS,
    collect_data_files,
    collect_dynamic_libs,
    collect_submodules,
    get_package_paths,
)

module_collection_mode = "pyz+py"
warn_on_missing_hiddenimports = False

datas = collect_data_files(
    "torch",
    excludes=[
        "**/*.h",
        "**/*.hpp",
        "**/*.cuh",
        "**/*.lib",
        "**/*.cpp",
        "**/*.pyi",
        "**/*.cmake",
        "include/**",
        "share/**",
        "testing/**",
        "utils/benchmark/**",
        "**/__pycache__/**",
        "bin/**",
    ],
)

# torch/lib: libtorch_cuda_linalg.so and friends are dlopen'ed, not linked; keep the
# small CPU ones. libtorch_cuda_linalg is only used for linear algebra on a GPU.
_SKIP_LIBS = ("libtorch_cuda_linalg",)
binaries = [
    (src, dest)
    for src, dest in collect_dynamic_libs("torch", search_patterns=PY_DYLIB_PATTERNS + ["*.so.*"])
    if not any(skip in src for skip in _SKIP_LIBS)
]

# torch/__init__ insists on torch/bin/torch_shm_manager (shared memory for DataLoader workers).
binaries.append((str(Path(get_package_paths("torch")[1]) / "bin" / "torch_shm_manager"), "torch/bin"))

# Imported by name at run time (torch._dynamo.polyfills.loader), e.g. by the optimizers.
hiddenimports = collect_submodules("torch._dynamo.polyfills")

bindepend_symlink_suppression = ["**/torch/lib/*.so*"]
