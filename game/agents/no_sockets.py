"""No new sockets for a plug-in: a seccomp filter (ctypes, two prctl calls) that makes `socket()` and
`io_uring_setup()` fail with EACCES in the calling thread and everything it starts later.

Landlock closes the file system, TCP, abstract sockets and signals, but not UDP, raw or netlink
sockets, nor a Unix socket at a path (the desktop's X server or session bus, where a plug-in could
read the other delegation's screen). A plug-in needs no socket of its own: the game's one is inherited,
already connected. io_uring is refused too, since it can open sockets without `socket()`.

The filter is a classic BPF program over `seccomp_data`: a system call of another architecture (32-bit
calls on x86-64, where `socketcall` would open the same door) and, on x86-64, the x32 numbers are
refused as well; everything else is allowed. Only x86-64 and AArch64 are known here; elsewhere
`supported()` is False and the caller says so.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

__all__ = ["NoSocketsError", "forbid_sockets", "supported"]

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_NR, _ARCH = 0, 4
"""Offsets of the call's number and its architecture in struct seccomp_data."""
_X32_BIT = 0x40000000
_IO_URING_SETUP = 425
"""The same on every architecture (the unified numbering of calls added since Linux 5.1)."""
_ARCHES = {
    # machine: (AUDIT_ARCH_*, socket's number)
    "x86_64": (0xC000003E, 41),
    "aarch64": (0xC00000B7, 198),
}


class NoSocketsError(OSError):
    """The kernel refused the filter."""


class _Filter(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def supported() -> bool:
    return sys.platform.startswith("linux") and platform.machine() in _ARCHES


def _program(machine: str) -> bytes:
    arch, socket_nr = _ARCHES[machine]
    deny = (_RET_K, 0, 0, _RET_ERRNO | errno.EACCES)
    allow = (_RET_K, 0, 0, _RET_ALLOW)
    # Each jump counts the instructions it skips; `deny` is the last, `allow` the one before it.
    checks = [(_JEQ_K, socket_nr), (_JEQ_K, _IO_URING_SETUP)]
    if machine == "x86_64":
        checks.insert(0, (_JGE_K, _X32_BIT))
    body = [(_LD_W_ABS, 0, 0, _ARCH), (_JEQ_K, 1, 0, arch), deny, (_LD_W_ABS, 0, 0, _NR)]
    for k, (code, value) in enumerate(checks):
        to_deny = len(checks) - k  # the checks after this one, then `allow`
        body.append((code, to_deny, 0, value))
    body += [allow, deny]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in body)


def forbid_sockets() -> None:
    """From now on, this thread and its descendants cannot make a socket. Raises NoSocketsError if the
    kernel refuses (the caller then does not run the plug-in), RuntimeError where not `supported()`."""
    if not supported():
        raise RuntimeError(f"no seccomp filter for {sys.platform} on {platform.machine()}")
    code = _program(platform.machine())
    program = _Filter(len(code) // 8, code)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise NoSocketsError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) != 0:
        raise NoSocketsError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
