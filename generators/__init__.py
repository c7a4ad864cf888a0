"""Word documents (催报通知, 督办通知, 进展通报) in the official format (GB/T 9704-2012).

    from zhishui.generators import render_document, TemplateRenderer, sample_context
    render_document("督办通知", context, "out/督办通知_区农业农村委.docx")

Modules: ``render`` (docxtpl rendering, template checks), ``contexts`` (the data
contract and derived fields), ``official`` (dates, titles, file names),
``charts`` (matplotlib charts with a bundled Chinese font), ``build_templates``
and ``build_font`` (developer scripts), ``render_previews`` (page pictures).
"""

_EXPORTS = {
    "render_document": "render", "render_many": "render", "TemplateRenderer": "render",
    "document_filename": "render", "sample_context": "contexts", "prepare": "contexts",
    "chase_message": "contexts", "safe_filename": "official", "cn_date": "official",
    "make_charts": "charts",
}


def __getattr__(name):
    # lazy: importing the package must not pull in matplotlib or docxtpl
    if name in _EXPORTS:
        import importlib
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(name)


__all__ = list(_EXPORTS)
