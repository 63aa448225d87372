"""`qingdan build`: the view model and the writers of the site, PDFs and workbooks."""
