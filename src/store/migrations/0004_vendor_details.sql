-- The full registration record (issue 3): the business, its address down to kelurahan and
-- RT/RW, the owner, what the owner publishes, and who coaches the business. Additive only.
ALTER TABLE vendor ADD COLUMN brand TEXT;
ALTER TABLE vendor ADD COLUMN legal_form TEXT;
ALTER TABLE vendor ADD COLUMN nib TEXT;
ALTER TABLE vendor ADD COLUMN npwp TEXT;
-- JSON array of 5-digit KBLI codes.
ALTER TABLE vendor ADD COLUMN kbli TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(kbli));
ALTER TABLE vendor ADD COLUMN kbli_edition INTEGER;
ALTER TABLE vendor ADD COLUMN capital_rp INTEGER CHECK (capital_rp >= 0);
ALTER TABLE vendor ADD COLUMN annual_sales_rp INTEGER CHECK (annual_sales_rp >= 0);
ALTER TABLE vendor ADD COLUMN employees INTEGER CHECK (employees >= 0);
ALTER TABLE vendor ADD COLUMN street TEXT;
ALTER TABLE vendor ADD COLUMN rt TEXT;
ALTER TABLE vendor ADD COLUMN rw TEXT;
ALTER TABLE vendor ADD COLUMN kelurahan_code TEXT;
ALTER TABLE vendor ADD COLUMN owner_gender TEXT;
ALTER TABLE vendor ADD COLUMN owner_birth_date TEXT;
ALTER TABLE vendor ADD COLUMN owner_nik TEXT;
ALTER TABLE vendor ADD COLUMN owner_email TEXT;
ALTER TABLE vendor ADD COLUMN owner_whatsapp INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vendor ADD COLUMN home_address TEXT;
ALTER TABLE vendor ADD COLUMN public_contact TEXT;
ALTER TABLE vendor ADD COLUMN agency TEXT;
ALTER TABLE vendor ADD COLUMN mentor TEXT;
ALTER TABLE vendor ADD COLUMN notes TEXT;

CREATE INDEX vendor_by_nib ON vendor (nib) WHERE deleted_at IS NULL AND nib IS NOT NULL;
CREATE INDEX vendor_by_nik ON vendor (owner_nik) WHERE deleted_at IS NULL AND owner_nik IS NOT NULL;
