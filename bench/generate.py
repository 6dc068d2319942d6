"""Generate awesome lists of any size for benchmarks: paper lists in our format, or classic bullet lists.

Deterministic from a seed. A paper entry is a `<details>` block (summary with the year, a title bullet with
`[[paper]]` and `[[code]]` links, authors, Modality/Datasets/Key Words fields and a Digest), about 1.1 KB,
under `##`/`###` headings with a complete `## Contents` list, so the result is what a maintained list looks
like: awesome-lint's check finds it clean.

Run: python bench/generate.py N [--kind paper|classic] [--seed S] [-o FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "adaptive alignment anatomy attention benchmark biomedical calibration captioning chest clinical "
    "contrastive curriculum dataset decoder dermatology diagnosis diffusion distillation domain encoder "
    "evaluation explainable fairness federated foundation generalist generation grounding histopathology "
    "imaging instruction knowledge language latent medical modality multimodal ophthalmology pathology "
    "pretraining prompt question radiology reasoning report retrieval robust segmentation self-supervised "
    "semantic sparse supervision transformer tuning ultrasound understanding vision visual volumetric zero-shot"
)
NAMES = _words(
    "Ada Bo Chen Dana Eli Farah Gus Hana Ivo Jun Kira Lars Mei Nora Omar Pia Quin Ravi Sara Tao Uma Vik Wen Yara Zoe"
)
SURNAMES = _words(
    "Alvarez Brandt Cho Dubois Eriksen Fischer Garcia Huang Ito Jensen Kowalski Li Moreau Nakamura Okafor "
    "Petrov Quispe Rossi Singh Tanaka Umar Varga Wang Xu Yilmaz Zhang"
)
MODALITIES = ("Chest X-ray", "CT", "MRI", "Histopathology", "Fundus", "Dermoscopy", "Ultrasound", "Endoscopy")
DATASETS = ("MIMIC-CXR", "CheXpert", "ROCO", "PMC-OA", "VQA-RAD", "SLAKE", "PathVQA", "IU X-Ray", "MedMNIST")
TOPICS = {
    "Existing Models": ("CLIP and Variants", "Large Language Models", "Generalist Models", "Diffusion Models"),
    "Research Areas": ("Architecture", "Training", "Inference", "Trustworthiness"),
    "Tasks and Datasets": ("Report Generation", "VQA", "Captioning", "Retrieval", "Segmentation"),
}


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _title(rng: random.Random, index: int) -> str:
    head = "".join(part.capitalize() for part in rng.sample(WORDS, 2)).replace("-", "")
    tail = " ".join(rng.sample(WORDS, 5))
    return f"{head}{index}: {tail[0].upper()}{tail[1:]}"


def _authors(rng: random.Random) -> str:
    count = rng.randint(2, 6)
    return ", ".join(f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}" for _ in range(count)) + "."


def paper_entry(rng: random.Random, index: int) -> str:
    """One paper in its own `<details>`, about 1.1 KB."""
    title = _title(rng, index)
    year = rng.randint(2019, 2025)
    arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{index * 7919 % 90000 + 10000:05d}"  # unique below n=90000
    digest = " ".join(_sentence(rng, rng.randint(9, 15)) for _ in range(4))
    lines = [
        "<details>",
        f"<summary>{title} ({year})</summary>",
        "",
        f"- {title}. [[paper]](https://arxiv.org/abs/{arxiv}) [[code]](https://github.com/example/repo{index})",
        f"  - {_authors(rng)}",
        f"  - Modality: {', '.join(rng.sample(MODALITIES, 2))}",
        f"  - Datasets: {', '.join(rng.sample(DATASETS, 3))}",
        f"  - Key Words: {'; '.join(rng.sample(WORDS, 4))}",
        "  - <details><summary>Digest</summary>",
        f"    {digest}",
        "  </details>",
        "</details>",
        "",
    ]
    return "\n".join(lines) + "\n"


def classic_entry(rng: random.Random, index: int) -> str:
    """One sindresorhus-style bullet: `- [Name](url) - Description.`"""
    name = "".join(part.capitalize() for part in rng.sample(WORDS, 2)).replace("-", "") + str(index)
    return f"- [{name}](https://github.com/example/{name.lower()}) - {_sentence(rng, rng.randint(6, 14))}\n"


def _sections(count: int) -> list[tuple[str, str]]:
    """(top heading, sub heading) pairs, cycling through the topics so every section gets entries."""
    pairs = [(top, sub) for top, subs in TOPICS.items() for sub in subs]
    return pairs[: max(1, min(count, len(pairs)))]


def _anchor(title: str) -> str:
    return "".join(ch for ch in title.lower() if ch.isalnum() or ch in " -_").replace(" ", "-")


def generate(entries: int, kind: str = "paper", seed: int = 1) -> str:
    """A whole list with `entries` entries, spread over nested sections, with a complete Contents list."""
    rng = random.Random(seed)
    pairs = _sections(entries)
    make = paper_entry if kind == "paper" else classic_entry
    per_section: list[list[str]] = [[] for _ in pairs]
    for index in range(entries):
        per_section[index % len(pairs)].append(make(rng, index + 1))
    title = "Awesome Medical Vision-Language Papers" if kind == "paper" else "Awesome Tools"
    out = [f"# {title}\n", "\n", "A generated list for benchmarks.\n", "\n", "## Contents\n", "\n"]
    tops: list[str] = []
    for top, _ in pairs:
        if top not in tops:
            tops.append(top)
    for top in tops:
        out.append(f"- [{top}](#{_anchor(top)})\n")
        out.extend(f"  - [{sub}](#{_anchor(sub)})\n" for owner, sub in pairs if owner == top)
    current = ""
    for (top, sub), items in zip(pairs, per_section, strict=True):
        if top != current:
            out.append(f"\n## {top}\n")
            current = top
        out.append(f"\n### {sub}\n\n")
        out.append("".join(items).rstrip("\n") + "\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries", type=int, help="number of entries")
    parser.add_argument("--kind", choices=("paper", "classic"), default="paper")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="write here instead of standard output")
    args = parser.parse_args(argv)
    text = generate(args.entries, args.kind, args.seed)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
