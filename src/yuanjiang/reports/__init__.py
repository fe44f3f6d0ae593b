"""Rendering of narrative work summaries (工作总结): document model, charts and Word output."""
