/** The fault matrix in adaptive retry mode: boto3-ts and botocore against one fault server (see test/support/fault-suite.ts). */
import { faultMatrixSuite } from "../support/fault-suite.js";

faultMatrixSuite("adaptive");
