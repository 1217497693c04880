CREATE TABLE books (
    book_id bigserial PRIMARY KEY,
    isbn char(13) UNIQUE,
    title text NOT NULL,
    shelf varchar(8) NOT NULL
);

CREATE TABLE members (
    member_id bigserial PRIMARY KEY,
    card_number varchar(12) NOT NULL UNIQUE,
    display_name text NOT NULL,
    joined_on date NOT NULL DEFAULT current_date
);

CREATE TABLE loans (
    loan_id bigserial PRIMARY KEY,
    book_id bigint NOT NULL REFERENCES books (book_id),
    member_id bigint NOT NULL REFERENCES members (member_id),
    lent_on date NOT NULL DEFAULT current_date,
    due_on date NOT NULL,
    returned_on date
);
