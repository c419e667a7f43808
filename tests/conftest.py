"""Fixtures shared by the command-line, golden-corpus and model tests.

Loading the pipeline (the spaCy model and a gazetteer of 600,000 names) takes about 5 s and 300 MB,
so a test session loads it once and every command run through `run_cli` uses that one pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from warledger import cli
from warledger.pipeline import Pipeline

# The shared evaluation material (seed reports, gold annotations, reference scorer) sits beside the
# repository in a full checkout; a bare clone of the repository does not have it.
SHARED = Path(__file__).resolve().parents[2] / "shared"

RunCli = Callable[..., Result]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The one pipeline of the session, with the packaged knowledge and no profile."""
    return Pipeline()


@pytest.fixture(scope="session")
def run_cli(pipeline: Pipeline) -> RunCli:
    """Run `warledger ARGS...` in this process, as a user would from a shell; returns click's Result
    (exit_code, stdout, stderr). `stdin` feeds standard input.

    Commands get the session's pipeline instead of loading their own. A command given --profile
    gets a pipeline built for real with that profile: the shared one does not know its contents.
    Exceptions are not caught, so an unhandled error fails the test instead of hiding in a Result.
    """

    def build(profiles: Sequence[Path], processes: int) -> Pipeline:
        return Pipeline(profiles, processes) if profiles else pipeline

    def invoke(*args: str | Path, stdin: str | bytes | None = None) -> Result:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cli, "build_pipeline", build)
            return CliRunner().invoke(cli.main, [str(a) for a in args], input=stdin, catch_exceptions=False)

    return invoke
