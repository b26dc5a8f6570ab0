"""Apply a style to an output layer when Processing loads it (toolbox, model builder, batch)."""
from __future__ import annotations

from qgis.core import QgsProcessingLayerPostProcessorInterface

from .messages import tr

# Processing calls post-processors after the algorithm object may be gone: keep them alive here.
_ALIVE = []


class LoadStyle(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, qml_path: str):
        super().__init__()
        self.qml_path = qml_path

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        if layer is None:
            return
        _msg, ok = layer.loadNamedStyle(self.qml_path)
        if ok:
            layer.triggerRepaint()
        elif feedback is not None:
            feedback.pushWarning(tr("Could not apply the style {0}: {1}").format(self.qml_path, _msg))


def style_on_load(context, output_path: str, qml_path: str, name: str = "", beside: str = "") -> None:
    """If ``output_path`` will be loaded into the project, style it with ``qml_path`` then.

    ``name`` + ``beside``: an extra file written beside the output ``beside`` (e.g. the
    uncertainty map) is loaded too, under ``name``, whenever ``beside`` is.
    """
    if name and beside and context.willLoadLayerOnCompletion(beside) \
            and not context.willLoadLayerOnCompletion(output_path):
        from qgis.core import QgsProcessingContext

        details = QgsProcessingContext.LayerDetails(name, context.project(), name)
        context.addLayerToLoadOnCompletion(output_path, details)
    if context.willLoadLayerOnCompletion(output_path):
        pp = LoadStyle(qml_path)
        _ALIVE.append(pp)
        context.layerToLoadOnCompletionDetails(output_path).setPostProcessor(pp)
