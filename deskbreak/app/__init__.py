"""The composition root: paths, files, the controller and the wiring of Qt, scheduler and storage."""
