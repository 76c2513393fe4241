-- Self-service looks an employee up by the exact address typed, case-insensitively: lower(email) / lower(login)
-- equality, served by these expression indexes (not expressible in schema.prisma; see DECISIONS 25).
CREATE INDEX "employee_lower_email_idx" ON "employee" (lower("email"));
CREATE INDEX "employee_lower_login_idx" ON "employee" (lower("login"));
