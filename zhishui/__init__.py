"""治水督办助手 (zhishui): the engine behind the Excel add-in and the ``zhishui`` command."""
__version__ = "0.1.0"
