-- Whether a grid code was ever drawn, in any version: the QR code of a board is only made
-- for real grids, but a board printed for an older version keeps a working code.
SELECT EXISTS (SELECT 1 FROM grid WHERE code = $1)
