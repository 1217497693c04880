DROP TABLE loans;
DROP TABLE members;
DROP TABLE books;
