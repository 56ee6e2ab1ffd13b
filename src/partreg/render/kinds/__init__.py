"""One module per report kind: its view model, and how its Word document is laid out."""
