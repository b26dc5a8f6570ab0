"""Heavy work runs in a child process: progress, results, errors, crash and cancel cross over."""
import os
import threading

import pytest

from models.errors import CancelledError
from models.progress import Progress
from models.worker import WorkerCrashed, run_in_worker


def test_result_and_progress_cross_the_boundary():
    seen = []
    result = run_in_worker("diagnostics:count", {"steps": 4}, Progress(lambda p, m: seen.append((p, m))))
    assert result["steps"] == 4
    assert result["pid"] != os.getpid()
    assert [round(p) for p, _ in seen] == [25, 50, 75, 100]
    assert seen[-1][1] == "step 4 of 4"


def test_user_error_keeps_its_message():
    with pytest.raises(Exception) as info:
        run_in_worker("diagnostics:count", {"steps": 4, "fail_at": 2})
    assert "step 2 refused" in str(info.value)


def test_crash_does_not_take_the_parent_down():
    with pytest.raises(WorkerCrashed) as info:
        run_in_worker("diagnostics:count", {"steps": 4, "crash_at": 1})
    assert "exit status 3" in str(info.value)


def test_cancel_stops_the_child_promptly():
    cancel = threading.Event()
    seen = []

    def report(p, m):
        seen.append(p)
        if len(seen) == 2:
            cancel.set()

    with pytest.raises(CancelledError):
        run_in_worker("diagnostics:count", {"steps": 1000, "delay": 0.01}, Progress(report, cancel.is_set))
    assert len(seen) < 1000


def test_bad_job_name_is_refused():
    with pytest.raises(Exception, match="valid worker job"):
        run_in_worker("../etc:passwd")


def test_atomic_output_has_ordinary_permissions(tmp_path):
    import stat

    from models.atomic import atomic_output

    umask = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "out.txt") as tmp:
            tmp.write_text("x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


@pytest.mark.parametrize("kwargs", [{"steps": 2}, {"steps": 2, "fail_at": 1}, {"steps": 2, "crash_at": 1}])
def test_no_resource_warning_from_the_workers_pipes(kwargs):
    """Every train/predict run used to add 'unclosed file <_io.TextIOWrapper …>' to QGIS's warnings tab."""
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            run_in_worker("diagnostics:count", kwargs)
        except Exception:  # noqa: BLE001 - only the warnings matter here, not how the job ended
            pass
        gc.collect()
    ours = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert not ours, [str(w.message) for w in ours]
