"""Synthesises the game's sound cues as WAV files under assets/sounds/ (run: python assets/src/make_sounds.py).

Each cue is built from noise and decaying partials with numpy, seeded, so the files are the same on
every run.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "sounds"
RATE = 22050


def _time(seconds: float) -> np.ndarray:
    return np.arange(int(RATE * seconds)) / RATE


def _lowpass(signal: np.ndarray, strength: float) -> np.ndarray:
    """One-pole low-pass: strength near 1 keeps only the low rumble."""
    out = np.empty_like(signal)
    acc = 0.0
    for i, x in enumerate(signal):
        acc = strength * acc + (1 - strength) * x
        out[i] = acc
    return out


def gavel(rng: np.random.Generator) -> np.ndarray:
    """Two knocks of wood on wood: a short noise burst and low decaying partials."""
    t = _time(0.9)
    out = np.zeros_like(t)
    for start in (0.0, 0.32):
        k = t >= start
        tt = t[k] - start
        body = sum(a * np.sin(2 * np.pi * f * tt) for f, a in ((180, 1.0), (410, 0.5), (930, 0.25)))
        click = rng.normal(0, 1, tt.size) * np.exp(-tt * 90)
        out[k] += (body * np.exp(-tt * 28) + 0.6 * click) * (1.0 if start == 0 else 0.8)
    return out


def paper(rng: np.random.Generator) -> np.ndarray:
    """A page turned: bursts of high, filtered noise."""
    t = _time(0.6)
    noise = rng.normal(0, 1, t.size)
    hiss = noise - _lowpass(noise, 0.6)
    envelope = np.zeros_like(t)
    for start, length in ((0.02, 0.12), (0.15, 0.18), (0.36, 0.14)):
        k = (t >= start) & (t < start + length)
        envelope[k] = np.sin(np.pi * (t[k] - start) / length) ** 2
    return hiss * envelope * 0.8


def murmur(rng: np.random.Generator) -> np.ndarray:
    """A room of voices: low noise shaped by slow, uneven syllable rhythms."""
    t = _time(2.0)
    voice = _lowpass(rng.normal(0, 1, t.size), 0.93)
    rhythm = sum(0.5 + 0.5 * np.sin(2 * np.pi * f * t + rng.uniform(0, 6.3)) for f in (3.1, 4.3, 5.7)) / 3
    fade = np.minimum(1.0, t / 0.3) * np.minimum(1.0, (t[-1] - t) / 0.5)
    return voice * rhythm * fade * 4.0


def signing(rng: np.random.Generator) -> np.ndarray:
    """A pen on paper: scratches of bright noise along a signature's strokes."""
    t = _time(1.4)
    noise = rng.normal(0, 1, t.size)
    scratch = noise - _lowpass(noise, 0.8)
    strokes = (np.sin(2 * np.pi * 7.0 * t) > -0.2).astype(float) * (0.6 + 0.4 * np.sin(2 * np.pi * 2.3 * t))
    fade = np.minimum(1.0, t / 0.05) * np.minimum(1.0, (t[-1] - t) / 0.2)
    return scratch * strokes * fade * 0.5


def write(path: Path, signal: np.ndarray) -> None:
    peak = float(np.max(np.abs(signal))) or 1.0
    samples = (signal / peak * 0.7 * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.tobytes())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, cue in enumerate((gavel, paper, murmur, signing)):
        write(OUT / f"{cue.__name__}.wav", cue(np.random.default_rng(1990 + seed)))


if __name__ == "__main__":
    main()
